// Go's fmt rendering of decoded JSON values (map[string]interface{}, []interface{}, int64, float64, string, bool,
// nil), so that strategic merge patch errors read exactly as kube-apiserver's.

import { goText, isGoInteger } from '../printers/go-format.ts';
import { isJsonMap } from './json-value.ts';

export const GO_MAP_TYPE = 'map[string]interface {}';
export const GO_SLICE_TYPE = '[]interface {}';

/** The reflect type of a decoded JSON value, or undefined for nil. */
export function goTypeOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return GO_SLICE_TYPE;
  if (typeof value === 'object') return GO_MAP_TYPE;
  if (typeof value === 'number') return isGoInteger(value) ? 'int64' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  return 'string';
}

/** `%s` of a reflect.Type: its name, or `%!s(<nil>)` for the type of nil. */
export function goTypeString(type: string | undefined): string {
  return type ?? '%!s(<nil>)';
}

/** `%v`: maps as `map[k:v …]` with sorted keys, slices as `[a b]`, strings bare, nil as `<nil>`. */
export function goValue(value: unknown): string {
  return format(value, 'v');
}

/** `%s`: like `%v`, except that scalars other than strings print as `%!s(int64=5)`. */
export function goString(value: unknown): string {
  return format(value, 's');
}

function format(value: unknown, verb: 'v' | 's'): string {
  if (Array.isArray(value)) return `[${value.map((item) => format(item, verb)).join(' ')}]`;
  if (isJsonMap(value)) {
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${keys.map((key) => `${key}:${format(value[key], verb)}`).join(' ')}]`;
  }
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' && typeof value !== 'boolean') return verb === 'v' ? '<nil>' : '%!s(<nil>)';
  return verb === 'v' ? goText(value) : `%!s(${goTypeOf(value)}=${goText(value)})`;
}
