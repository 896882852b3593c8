// The documents of a YAML text the UI sends (the editor's content): each parsed to an object, with what's needed to
// point an error at its line — the document's first line, and the line of a field path such as
// `spec.template.spec.containers[0].image` as the API server names fields in its causes.

import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Node } from 'yaml';
import type { HostError } from '../../engine/protocol/host-api.ts';

export interface YamlDocument {
  /** The document's position among the non-empty documents of the text, from 0. */
  index: number;
  /** The first line of the document's content, from 1. */
  line: number;
  object?: Record<string, unknown>;
  /** Why the document could not be read (malformed YAML, not an object). */
  error?: HostError;
  /** The line a field path points at, or the nearest enclosing field's line. */
  lineOf(fieldPath: string): number;
}

/** Splits `a.b[0].c[key]` into its steps: 'a', 'b', 0, 'c', 'key'. */
export function fieldPathSteps(fieldPath: string): (string | number)[] {
  const steps: (string | number)[] = [];
  for (const match of fieldPath.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (match[1] !== undefined) steps.push(match[1]);
    else if (match[2] !== undefined) steps.push(/^\d+$/.test(match[2]) ? Number(match[2]) : match[2]);
  }
  return steps;
}

export function parseYamlDocuments(text: string): YamlDocument[] {
  const lines = new LineCounter();
  const lineAt = (offset: number) => lines.linePos(offset).line;
  const out: YamlDocument[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false })) {
    const root = doc.contents as Node | null;
    const empty = !root || (isScalar(root) && root.value === null);
    if (empty && doc.errors.length === 0) continue;
    const line = root?.range ? lineAt(root.range[0]) : lineAt(doc.range[0]);
    const lineOf = (fieldPath: string) => {
      let node: unknown = root;
      let found = line;
      for (const step of fieldPathSteps(fieldPath)) {
        if (isMap(node)) {
          const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === String(step));
          const keyRange = (pair?.key as Node | undefined)?.range;
          if (!pair || !keyRange) break;
          found = lineAt(keyRange[0]);
          node = pair.value;
        } else if (isSeq(node) && typeof step === 'number') {
          const item = node.items[step] as Node | undefined;
          if (!item?.range) break;
          found = lineAt(item.range[0]);
          node = item;
        } else break;
      }
      return found;
    };
    const document: YamlDocument = { index: out.length, line, lineOf };
    const [first] = doc.errors;
    if (first) {
      const message = first.message.split('\n')[0] ?? first.message;
      document.error = { code: 400, reason: 'BadRequest', message: `error parsing YAML: ${message}` };
      document.error.line = first.linePos?.[0].line ?? line;
    } else {
      const value = doc.toJS() as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        document.error = {
          code: 400,
          reason: 'BadRequest',
          message: 'a document must be a Kubernetes object (a map)',
          line,
        };
      } else document.object = value as Record<string, unknown>;
    }
    if (document.error) document.error.document = document.index;
    out.push(document);
  }
  return out;
}
