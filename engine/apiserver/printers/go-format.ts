// How Go prints JSON values that a custom column picks out of an object: fmt.Print for scalars (floats in %v
// form: "1.5", "1e+06") and encoding/json for maps and lists (sorted keys, HTML-safe escapes).

import { isPlainObject } from '../../api/object.ts';

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
