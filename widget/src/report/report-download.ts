import type { InterviewReport } from '../../../relay/protocol/index';

/** How long a download's Blob URL stays valid (the browser has read it long before). */
const REVOKE_AFTER_MS = 60_000;

export function reportFileName(report: InterviewReport, extension: 'json' | 'md'): string {
  const day = report.generatedAt.slice(0, 10);
  return `interview-report-${report.interview.id}-${day}.${extension}`;
}

/** Saves `text` as a file through a temporary `<a download>` placed in `parent` (the shadow root). */
export function downloadText(parent: ParentNode, name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  parent.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
