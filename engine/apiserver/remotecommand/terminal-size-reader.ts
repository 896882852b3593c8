// Terminal resize events from the resize channel or stream: consecutive JSON objects `{"Width":80,"Height":24}` read
// as Go's json.Decoder reads them (split anywhere between messages, keys matched case-insensitively). A value that is
// not such an object ends the reading, as it ends upstream's resize loop.

import type { Readable } from 'node:stream';
import type { TerminalSize } from '../../node/kubelet-api.ts';

const UINT16_MAX = 0xffff;

function dimension(value: unknown): number | undefined {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > UINT16_MAX) return undefined;
  return value;
}

function toSize(text: string): TerminalSize | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const fields = new Map(Object.entries(parsed).map(([k, v]) => [k.toLowerCase(), v] as const));
  const width = dimension(fields.get('width'));
  const height = dimension(fields.get('height'));
  if (width === undefined || height === undefined) return undefined;
  return { width, height };
}

/** Splits a stream of text into top-level JSON objects, across chunk boundaries. */
export class JsonObjectSplitter {
  private pending = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private failed = false;

  /** The objects completed by this chunk; undefined once the text is not a sequence of objects. */
  push(chunk: string): string[] | undefined {
    if (this.failed) return undefined;
    const objects: string[] = [];
    for (const c of chunk) {
      if (this.depth === 0 && !this.inString) {
        if (/\s/.test(c)) continue;
        if (c !== '{') {
          this.failed = true;
          return undefined;
        }
      }
      this.pending += c;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
      } else if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') this.depth++;
      else if (c === '}' || c === ']') {
        this.depth--;
        if (this.depth === 0) {
          objects.push(this.pending);
          this.pending = '';
        }
      }
    }
    return objects;
  }
}

/** Calls `onSize` for every resize the client sends, until the stream ends or sends something else. */
export function readTerminalSizes(source: Readable, onSize: (size: TerminalSize) => void): void {
  const splitter = new JsonObjectSplitter();
  let stopped = false;
  source.setEncoding('utf8');
  source.on('data', (chunk: string) => {
    if (stopped) return;
    const objects = splitter.push(chunk);
    stopped = objects === undefined;
    for (const text of objects ?? []) {
      const size = toSize(text);
      if (!size) {
        stopped = true;
        return;
      }
      onSize(size);
    }
  });
}
