// Defensive readers over decoded JSON: validation and defaulting walk objects that came off the wire, so every read
// tolerates a missing or mistyped field instead of throwing. Maps are read in sorted key order so that error lists
// come out the same way every time (Go ranges over maps in random order; any fixed order is as faithful).

/** A JSON object whose fields are not known yet. */
export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or undefined when it is absent or not an object. */
export function record(value: unknown): Json | undefined {
  return isRecord(value) ? value : undefined;
}

/** The value as an object; an empty object when it is absent or not an object. */
export function recordOrEmpty(value: unknown): Json {
  return isRecord(value) ? value : {};
}

/** The value as an array; an empty array when it is absent or not an array. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The items of an array that are objects (other items read as empty objects, keeping indexes stable). */
export function records(value: unknown): Json[] {
  return list(value).map(recordOrEmpty);
}

/** The value as a string; "" when it is absent or not a string. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The value as a number; 0 when it is absent or not a number (Go's zero value). */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/** The value as a number, or undefined when it is absent or not a number (a Go pointer field). */
export function optNum(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

export function bool(value: unknown): boolean {
  return value === true;
}

/** The string-valued entries of a map, e.g. labels; non-string values read as "". */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const map = record(value);
  if (!map) return out;
  for (const key of Object.keys(map).sort()) out[key] = str(map[key]);
  return out;
}

/** The keys of a map in sorted order ([] when it is not a map). */
export function sortedKeys(value: unknown): string[] {
  const map = record(value);
  return map ? Object.keys(map).sort() : [];
}

/** The object at parent[key], created empty when absent or not an object (for defaulting). */
export function ensureRecord(parent: Json, key: string): Json {
  const existing = parent[key];
  if (isRecord(existing)) return existing;
  const created: Json = {};
  parent[key] = created;
  return created;
}

/** Whether the field is present with a value other than null (a set Go pointer). */
export function isSet(parent: Json, key: string): boolean {
  return parent[key] !== undefined && parent[key] !== null;
}

/** Go's zero value: what an unset field holds (absent, null, "", 0, false, or an empty list or object). */
export function isZeroValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isRecord(value) && Object.keys(value).length === 0;
}
