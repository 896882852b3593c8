// Decoded JSON objects as the patch engines handle them: own-property access that is safe for any key (even
// "__proto__"), and the names Go's encoding/json gives JSON values in its "cannot unmarshal X into …" errors.

import { isPlainObject } from '../../api/object.ts';

export type JsonMap = Record<string, unknown>;

export const isJsonMap: (value: unknown) => value is JsonMap = isPlainObject;

export function hasOwn(map: JsonMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, key);
}

/** The value of an own property, or undefined when the map has none. */
export function getOwn(map: JsonMap, key: string): unknown {
  return hasOwn(map, key) ? map[key] : undefined;
}

/** Sets an own data property, never the prototype. */
export function setOwn(map: JsonMap, key: string, value: unknown): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

/** How encoding/json names a JSON value in an UnmarshalTypeError: object, array, string, number, bool or null. */
export function jsonKind(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}
