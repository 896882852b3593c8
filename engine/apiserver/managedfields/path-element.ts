// Path elements of field sets in their FieldsV1 form: `f:name` (a struct field or a map key), `k:{"name":"nginx"}`
// (an item of a listType=map list, by its keys), `v:"x"` (an item of a set), `i:0` (an index). The serialized string
// is the element's identity; this module makes, parses, orders and prints them as structured-merge-diff does.

import { goJson, goJsonString } from './go-json.ts';

export type PathElement =
  | { kind: 'field'; name: string }
  | { kind: 'key'; fields: readonly (readonly [string, unknown])[] }
  | { kind: 'value'; value: unknown }
  | { kind: 'index'; index: number };

export function fieldElement(name: string): string {
  return `f:${name}`;
}

/** The element of a listType=map item from its key fields (in any order; they are sorted by name). */
export function keyElement(fields: (readonly [string, unknown])[]): string {
  const sorted = fields.length > 1 ? [...fields].sort((a, b) => compareStrings(a[0], b[0])) : fields;
  return `k:{${sorted.map(([name, value]) => `${goJsonString(name)}:${goJson(value)}`).join(',')}}`;
}

export function valueElement(value: unknown): string {
  return `v:${goJson(value)}`;
}

export function indexElement(index: number): string {
  return `i:${index}`;
}

/** Parses a serialized element; throws on malformed text, as DeserializePathElement fails. */
export function parseElement(text: string): PathElement {
  if (text.length < 2) throw new Error('key must be 2 characters long:');
  if (text[1] !== ':') throw new Error(`missing colon: ${text}`);
  const body = text.slice(2);
  switch (text[0]) {
    case 'f':
      return { kind: 'field', name: body };
    case 'v':
      return { kind: 'value', value: JSON.parse(body) as unknown };
    case 'k': {
      const parsed = JSON.parse(body) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error(`invalid key element: ${text}`);
      }
      const fields = Object.entries(parsed).sort((a, b) => compareStrings(a[0], b[0]));
      return { kind: 'key', fields };
    }
    case 'i':
      if (!/^[+-]?\d+$/.test(body)) throw new Error(`strconv.Atoi: parsing ${goJsonString(body)}: invalid syntax`);
      return { kind: 'index', index: Number(body) };
    default:
      throw new UnknownElementTypeError();
  }
}

/** Thrown for a prefix other than f, k, v, i: such keys are skipped when FieldsV1 is read. */
export class UnknownElementTypeError extends Error {
  constructor() {
    super('unknown path element type');
  }
}

/** The canonical serialization of an element (sorted keys, Go's JSON), from any valid serialization of it. */
export function canonicalElement(text: string): string {
  if (text.startsWith('f:')) return text;
  const element = parseElement(text);
  switch (element.kind) {
    case 'field':
      return fieldElement(element.name);
    case 'key':
      return keyElement([...element.fields]);
    case 'value':
      return valueElement(element.value);
    case 'index':
      return indexElement(element.index);
  }
}

const KIND_ORDER: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** Upstream's PathElement order: fields (by name), then keys, then values, then indices. */
export function compareElements(a: string, b: string): number {
  const ka = KIND_ORDER[a[0] ?? ''] ?? 4;
  const kb = KIND_ORDER[b[0] ?? ''] ?? 4;
  if (ka !== kb) return ka - kb;
  if (ka === 0) return compareStrings(a, b);
  return compareParsed(parseElement(a), parseElement(b));
}

/** Sorts serialized elements in upstream order, parsing each one once. */
export function sortElements(elements: Iterable<string>): string[] {
  const list = [...elements];
  if (list.every((e) => e.startsWith('f:'))) return list.sort(compareStrings);
  const decorated = list.map((text) => ({ text, parsed: text.startsWith('f:') ? undefined : parseElement(text) }));
  decorated.sort((a, b) => {
    const ka = KIND_ORDER[a.text[0] ?? ''] ?? 4;
    const kb = KIND_ORDER[b.text[0] ?? ''] ?? 4;
    if (ka !== kb) return ka - kb;
    if (!a.parsed || !b.parsed) return compareStrings(a.text, b.text);
    return compareParsed(a.parsed, b.parsed);
  });
  return decorated.map((d) => d.text);
}

function compareParsed(a: PathElement, b: PathElement): number {
  if (a.kind === 'key' && b.kind === 'key') {
    const n = Math.min(a.fields.length, b.fields.length);
    for (let i = 0; i < n; i++) {
      const [an, av] = a.fields[i]!;
      const [bn, bv] = b.fields[i]!;
      const c = compareStrings(an, bn) || compareValues(av, bv);
      if (c !== 0) return c;
    }
    return Math.sign(a.fields.length - b.fields.length);
  }
  if (a.kind === 'value' && b.kind === 'value') return compareValues(a.value, b.value);
  if (a.kind === 'index' && b.kind === 'index') return Math.sign(a.index - b.index);
  if (a.kind === 'field' && b.kind === 'field') return compareStrings(a.name, b.name);
  return 0;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function typeRank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (v !== null && typeof v === 'object') return 4;
  return 5;
}

/** value.Compare: a total order over JSON values (numbers, strings, booleans, lists, maps, null). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0:
      return Math.sign((a as number) - (b as number));
    case 1:
      return compareStrings(a as string, b as string);
    case 2:
      return a === b ? 0 : a ? 1 : -1;
    case 3: {
      const la = a as unknown[];
      const lb = b as unknown[];
      for (let i = 0; i < Math.min(la.length, lb.length); i++) {
        const c = compareValues(la[i], lb[i]);
        if (c !== 0) return c;
      }
      return Math.sign(la.length - lb.length);
    }
    case 4: {
      const ma = a as Record<string, unknown>;
      const mb = b as Record<string, unknown>;
      const keys = [...new Set([...Object.keys(ma), ...Object.keys(mb)])].sort(compareStrings);
      for (const key of keys) {
        if (!(key in ma)) return 1;
        if (!(key in mb)) return -1;
        const c = compareValues(ma[key], mb[key]);
        if (c !== 0) return c;
      }
      return 0;
    }
    default:
      return 0;
  }
}

/** value.ToString: how a key or set value prints inside a path. */
function valueToString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(valueToString).join(',')}]`;
  const record = v as Record<string, unknown>;
  return Object.keys(record)
    .sort(compareStrings)
    .map((k) => `${k}=${valueToString(record[k])}`)
    .join('');
}

/** A path as conflicts print it: `.spec.template.spec.containers[name="nginx"].image`. */
export function formatPath(path: readonly string[]): string {
  let out = '';
  for (const text of path) {
    const element = parseElement(text);
    switch (element.kind) {
      case 'field':
        out += `.${element.name}`;
        break;
      case 'key':
        out += `[${element.fields.map(([n, v]) => `${n}=${valueToString(v)}`).join(',')}]`;
        break;
      case 'value':
        out += `[=${valueToString(element.value)}]`;
        break;
      case 'index':
        out += `[${element.index}]`;
        break;
    }
  }
  return out;
}
