#!/usr/bin/env bash
# Regenerates the simulated interviewer's voice: one WAV per plan question and closing line of every template
# in relay/interviews/interviews.json (or only of the template ids given as arguments), spoken by espeak-ng and resampled by sox to the Live API's output
# format (24 kHz, mono, PCM16), plus clips/<template-id>/manifest.json holding the exact text of each clip.
# Run it after editing the templates' simulator questions; the simulator falls back to a synthesized tone
# (and logs a warning) for any line whose text has no matching clip.
# Needs: espeak-ng, sox, jq.  Usage: relay/fake-gemini/make-clips.sh [template-id ...]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
interviews="$here/../interviews/interviews.json"
out="$here/clips"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for cmd in espeak-ng sox jq; do
  command -v "$cmd" >/dev/null || { echo "make-clips.sh: $cmd is required" >&2; exit 1; }
done

if [ "$#" -gt 0 ]; then ids="$(printf '%s\n' "$@")"; else ids="$(jq -r '.interviews[].id' "$interviews")"; rm -rf "$out"; fi
mkdir -p "$out"

while read -r id; do
  dir="$out/$id"
  rm -rf "$dir"
  mkdir -p "$dir"
  voice="$(jq -r --arg id "$id" '.interviews[] | select(.id == $id) | (.language // "en-US") | ascii_downcase' "$interviews")"
  # espeak-ng names some voices by language only ("es", not "es-es").
  espeak-ng --voices | awk '{print $2}' | grep -qx "$voice" || voice="${voice%%-*}"
  # Plan questions first, then the closing line: clip NN answers simulator turn NN.
  jq -c --arg id "$id" '.interviews[] | select(.id == $id)
      | ([.plan[] | {kind: "question", text: .question}] + [{kind: "closing", text: .simulator.closing}])
      | to_entries[] | {index: .key, kind: .value.kind, text: .value.text}' "$interviews" |
    while read -r entry; do
      index="$(jq -r '.index' <<<"$entry")"
      text="$(jq -r '.text' <<<"$entry")"
      file="$(printf '%02d.wav' "$index")"
      espeak-ng -v "$voice" -s 165 -w "$tmp/raw.wav" -- "$text"
      # Trim the synthesizer's leading silence, then resample to the Live API's 24 kHz PCM16 mono.
      sox "$tmp/raw.wav" -r 24000 -c 1 -b 16 -e signed-integer "$dir/$file" silence 1 0.02 0.5% norm -3
      jq -c --arg file "$file" '. + {file: $file}' <<<"$entry" >>"$tmp/$id.jsonl"
    done
  jq -s --arg id "$id" '{templateId: $id, sampleRate: 24000, generator: "espeak-ng -s 165 + sox (make-clips.sh)", clips: .}' \
    "$tmp/$id.jsonl" >"$dir/manifest.json"
done <<<"$ids"

du -sh "$out"
