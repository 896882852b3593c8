// Where in the editor's text an apply error belongs: the HostError names the YAML document (by index, empty
// documents not counted, as kubectl counts them) and maybe the line or the field; the field path
// (`spec.template.spec.containers[0].image`) is looked up in that document, and without either the error goes on
// the document's first line.

import { LineCounter, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Node } from 'yaml';
import type { HostError } from '../../engine/protocol/host-api.ts';

export interface LineError {
  /** 1-based line in the whole text. */
  line: number;
  /** 1-based columns the marker spans on that line (`endColumn` exclusive). */
  column: number;
  endColumn: number;
  message: string;
}

/** `spec.containers[0].image` → ['spec', 'containers', 0, 'image']; a leading dot and `[key]` map keys allowed. */
export function fieldPath(field: string): (string | number)[] {
  const parts: (string | number)[] = [];
  const pattern = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (const match of field.matchAll(pattern)) {
    if (match[1] !== undefined) parts.push(match[1]);
    else {
      const key = (match[2] ?? '').replace(/^["']|["']$/g, '');
      parts.push(/^\d+$/.test(key) ? Number(key) : key);
    }
  }
  return parts;
}

/** The offset of the deepest node of `path` found (a map entry's key, a sequence's item). */
function offsetOf(root: unknown, path: readonly (string | number)[]): number | undefined {
  let node: unknown = root;
  let offset: number | undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0];
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0];
      node = item;
    } else break;
  }
  return offset;
}

function lineSpan(text: string, line: number, message: string): LineError {
  const lines = text.split('\n');
  const clamped = Math.min(Math.max(line, 1), Math.max(lines.length, 1));
  const content = lines[clamped - 1] ?? '';
  const indent = content.length - content.trimStart().length;
  return { line: clamped, column: indent + 1, endColumn: Math.max(content.length + 1, indent + 2), message };
}

/** The line of each error in `text`. */
export function errorLines(text: string, errors: readonly HostError[]): LineError[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  // Empty documents do not count, as the host (and kubectl) count them; a malformed one does.
  const list = documents.filter((d) => {
    const root = d.contents;
    return d.errors.length > 0 || !(root === null || (isScalar(root) && root.value === null));
  });
  return errors.map((error) => {
    const message =
      error.field && !error.message.includes(error.field) ? `${error.field}: ${error.message}` : error.message;
    if (error.line !== undefined) return lineSpan(text, error.line, message);
    const document = list[error.document ?? 0];
    if (!document) return lineSpan(text, 1, message);
    const contents = document.contents as Node | null;
    const fieldOffset = error.field ? offsetOf(contents, fieldPath(error.field)) : undefined;
    const offset = fieldOffset ?? contents?.range?.[0] ?? document.range[0];
    return lineSpan(text, lineCounter.linePos(offset).line, message);
  });
}
