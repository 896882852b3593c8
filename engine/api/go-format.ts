// How Go prints values, for messages that must read exactly as kube-apiserver's: fmt's %v, %s and %q of decoded
// JSON values (maps as map[k:v], floats in %v form, strings quoted with Go escapes), encoding/json's output (sorted
// keys, HTML-safe escapes), and %#v of string slices.

import { isPlainObject } from './object.ts';

/** Whether a JSON number decodes to int64 (rather than float64) in an unstructured Go object. */
export function isGoInteger(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63;
}

/** A float64 as fmt's %v prints it: the shortest digits, in exponent form below 1e-4 and from 1e6 up. */
function goFloat(n: number): string {
  const [mantissa = '', exp = '0'] = n.toExponential().split('e');
  const exponent = Number(exp);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 6) {
    const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const abs = Math.abs(exponent);
    return `${sign}${head}e${exponent < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/** fmt.Print of a decoded JSON scalar: strings as they are, integers in decimal, floats in %v form. */
export function goText(value: string | number | boolean): string {
  if (typeof value === 'number') return isGoInteger(value) ? String(value) : goFloat(value);
  return String(value);
}

const HTML_UNSAFE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (value[key] !== undefined) out[key] = sortedCopy(value[key]);
  }
  return out;
}

/** encoding/json.Marshal of a decoded JSON value: map keys sorted, <, > and & escaped. */
export function goJson(value: unknown): string {
  return JSON.stringify(sortedCopy(value)).replace(/[<>&\u2028\u2029]/g, (c) => HTML_UNSAFE[c] ?? c);
}

const ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** strconv.Quote: a double-quoted string with Go escapes for control and non-printable characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const escape = ESCAPES[ch];
    if (escape !== undefined) out += escape;
    else if (PRINTABLE.test(ch)) out += ch;
    else {
      const code = ch.codePointAt(0) ?? 0;
      if (code < 0x80) out += `\\x${code.toString(16).padStart(2, '0')}`;
      else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += `\\U${code.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

/** `%#v` of a []string: `[]string{"a", "b"}`, or `[]string(nil)` for an absent list. */
export function goStringSlice(values: readonly string[] | undefined): string {
  if (values === undefined) return '[]string(nil)';
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

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
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${keys.map((key) => `${key}:${format(value[key], verb)}`).join(' ')}]`;
  }
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' && typeof value !== 'boolean') return verb === 'v' ? '<nil>' : '%!s(<nil>)';
  return verb === 'v' ? goText(value) : `%!s(${goTypeOf(value)}=${goText(value)})`;
}

/** Go's name for the type of a JSON value, as %#v prints it inside composite literals. */
function goTypeName(values: unknown[]): string {
  if (values.every((v) => typeof v === 'string')) return 'string';
  if (values.every((v) => typeof v === 'number' && Number.isInteger(v))) return 'int';
  if (values.every((v) => typeof v === 'boolean')) return 'bool';
  return 'interface {}';
}

/**
 * `%#v`-like syntax of a JSON value inside a message: strings quoted, scalars bare, values with their own String()
 * (quantities) as that string, lists and maps as composite literals (`[]string{"a"}`, `map[string]string{"k":"v"}`).
 */
export function goSyntax(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[]${goTypeName(value)}{${value.map(goSyntax).join(', ')}}`;
  if (typeof value === 'object') {
    const custom = (value as { toString?: () => string }).toString;
    if (custom && custom !== Object.prototype.toString) return custom.call(value);
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const type = goTypeName(entries.map(([, v]) => v));
    return `map[string]${type}{${entries.map(([k, v]) => `${JSON.stringify(k)}:${goSyntax(v)}`).join(', ')}}`;
  }
  return String(value);
}
