// Which log lines `kubectl logs` gets and how they are written, as kubelet's ReadLogs serves them: the last
// tailLines lines, only those written at or after sinceTime (or sinceSeconds ago), each prefixed with its
// RFC 3339 timestamp (all nine digits of nanoseconds, as kubelet's RFC3339NanoFixed) when asked, cut off after
// limitBytes.

import type { LogLine } from '../runtime/container-log.ts';
import { rfc3339NanoFixed } from './go-time.ts';

export interface LogSelection {
  tailLines?: number;
  /** Lab ms: lines written before this are left out. */
  since?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

export function formatLine(line: LogLine, timestamps: boolean): string {
  const text = line.newline ? `${line.text}\n` : line.text;
  return timestamps ? `${rfc3339NanoFixed(line.time)} ${text}` : text;
}

/** Whether a line passes the since filter. */
export function selected(line: LogLine, selection: LogSelection): boolean {
  return selection.since === undefined || line.time >= selection.since;
}

/** The text of the lines chosen from a log. */
export function selectLines(lines: readonly LogLine[], selection: LogSelection): string {
  const start = selection.tailLines !== undefined ? Math.max(0, lines.length - selection.tailLines) : 0;
  let out = '';
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (selected(line, selection)) out += formatLine(line, selection.timestamps === true);
  }
  return truncateBytes(out, selection.limitBytes);
}

/** The text cut to at most `limit` bytes of UTF-8. */
export function truncateBytes(text: string, limit: number | undefined): string {
  if (limit === undefined) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return text;
  return bytes.subarray(0, Math.max(0, limit)).toString('utf8');
}
