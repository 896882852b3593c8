// Reading fields of API objects held as plain JSON. Missing or mistyped fields read as Go's zero values (or as
// undefined from the maybe* readers, where upstream tells a nil pointer apart from a zero value).

import { isPlainObject } from '../../api/object.ts';

export type Path = readonly (string | number)[];

/** The value at a path of object keys and array indexes, or undefined. */
export function field(value: unknown, ...path: Path): unknown {
  let current = value;
  for (const step of path) {
    if (typeof step === 'number') {
      current = Array.isArray(current) ? current[step] : undefined;
    } else {
      current = isPlainObject(current) ? current[step] : undefined;
    }
  }
  return current;
}

/** Whether a field is set (not missing and not null), as a non-nil Go pointer. */
export function has(value: unknown, ...path: Path): boolean {
  const found = field(value, ...path);
  return found !== undefined && found !== null;
}

export function maybeStr(value: unknown, ...path: Path): string | undefined {
  const found = field(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

export function str(value: unknown, ...path: Path): string {
  return maybeStr(value, ...path) ?? '';
}

export function maybeInt(value: unknown, ...path: Path): number | undefined {
  const found = field(value, ...path);
  return typeof found === 'number' ? found : undefined;
}

export function int(value: unknown, ...path: Path): number {
  return maybeInt(value, ...path) ?? 0;
}

export function maybeBool(value: unknown, ...path: Path): boolean | undefined {
  const found = field(value, ...path);
  return typeof found === 'boolean' ? found : undefined;
}

export function bool(value: unknown, ...path: Path): boolean {
  return maybeBool(value, ...path) ?? false;
}

export function list(value: unknown, ...path: Path): unknown[] {
  const found = field(value, ...path);
  return Array.isArray(found) ? found : [];
}

export function record(value: unknown, ...path: Path): Record<string, unknown> {
  const found = field(value, ...path);
  return isPlainObject(found) ? found : {};
}

/** A map of strings (labels, selectors); entries that are not strings are left out. */
export function stringMap(value: unknown, ...path: Path): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(record(value, ...path))) {
    if (typeof entry === 'string') out[key] = entry;
  }
  return out;
}

/** How many entries a map or list has (Go's len). */
export function count(value: unknown, ...path: Path): number {
  const found = field(value, ...path);
  if (Array.isArray(found)) return found.length;
  return isPlainObject(found) ? Object.keys(found).length : 0;
}
