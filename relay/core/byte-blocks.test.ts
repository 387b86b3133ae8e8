import assert from 'node:assert/strict';
import { it } from 'node:test';
import { BLOCK_BYTES, ByteBlocks, spareBlockCount } from './byte-blocks';
import { ReplayLog } from './replay-log';
import { ResendLog } from './resend-log';

const PIECE = 2_000;
const PER_BLOCK = Math.floor(BLOCK_BYTES / PIECE);

/** Takes `count` pieces, each filled with its own index, and notes its block. */
function fill(blocks: ByteBlocks, count: number, from = 0) {
  return Array.from({ length: count }, (_, i) => {
    const bytes = blocks.take(PIECE).fill((from + i) % 251);
    return { bytes, block: blocks.lastBlock, value: (from + i) % 251 };
  });
}

it('recycles a block once every piece of it is released, and only then; live pieces keep their bytes', () => {
  const blocks = new ByteBlocks();
  const pieces = fill(blocks, PER_BLOCK * 2 + 1); // two full blocks, a third started
  const first = pieces[0]?.block as number;
  const firstBlock = pieces.filter((p) => p.block === first);
  assert.equal(firstBlock.length, PER_BLOCK);

  const before = spareBlockCount();
  for (const piece of firstBlock.slice(1)) blocks.release(piece.block);
  assert.equal(spareBlockCount(), before, 'one piece still live: the block stays');
  blocks.release(first);
  assert.equal(spareBlockCount(), before + 1, 'all released: the block is spare');

  // Another log takes the spare block and overwrites it; the pieces still held are untouched.
  const other = new ByteBlocks();
  const reused = other.take(PIECE).fill(250);
  assert.equal(reused.buffer, firstBlock[0]?.bytes.buffer, 'the next block is the recycled one');
  assert.equal(spareBlockCount(), before);
  for (const piece of pieces.filter((p) => p.block !== first))
    assert.ok(
      piece.bytes.every((b) => b === piece.value),
      'a live piece is never overwritten',
    );
});

it('never recycles the block being filled, even with no live piece in it', () => {
  const blocks = new ByteBlocks();
  const [piece] = fill(blocks, 1);
  const before = spareBlockCount();
  blocks.release(piece?.block as number);
  assert.equal(spareBlockCount(), before);
  const next = blocks.take(PIECE);
  assert.equal(next.buffer, piece?.bytes.buffer, 'filling goes on in the same block');
  assert.notEqual(next.byteOffset, piece?.bytes.byteOffset);
});

it('a long interviewer turn reuses a few blocks instead of allocating one per 64 KB, and keeps the newest audio intact', () => {
  const chunk = 1_920;
  const keep = 20;
  const log = new ReplayLog(0, keep * chunk);
  const buffers = new Set<ArrayBufferLike>();
  for (let n = 0; n < 400; n++) {
    const frame = log.appendAudio(new Uint8Array(chunk).fill(n % 251));
    if ('wire' in frame && frame.wire) buffers.add(frame.wire.buffer);
  }
  // 400 chunks fill ~12 blocks; with the kept audio under one block, ~2 are live at a time.
  assert.ok(buffers.size <= 4, `blocks used: ${buffers.size}`);
  const audio = log.since(0).filter((frame) => 'audio' in frame);
  assert.equal(audio.length, keep);
  audio.forEach((frame, i) => {
    const value = (400 - keep + i) % 251;
    assert.ok('audio' in frame && frame.audio.every((b) => b === value), `chunk ${400 - keep + i} intact`);
  });
});

it('re-send items taken for a resumed connection keep their bytes while the log goes on; clear recycles', () => {
  const log = new ResendLog(64_000, () => {});
  for (let i = 0; i < 200; i++) log.push({ pcm: new Uint8Array(640).fill(i % 251), at: 0 });
  const taken = log.take();
  for (let i = 0; i < 2_000; i++) log.push({ pcm: new Uint8Array(640).fill(7), at: 0 });
  const audio = taken.filter((item) => 'pcm' in item);
  assert.equal(audio.length, 100, 'the newest 64 000 bytes were kept');
  audio.forEach((item, i) => {
    const value = (100 + i) % 251;
    assert.ok('pcm' in item && item.pcm.every((b) => b === value), `taken frame ${100 + i} unchanged`);
  });
  const before = spareBlockCount();
  log.clear();
  assert.ok(spareBlockCount() > before, 'a cleared log hands its blocks back');
});
