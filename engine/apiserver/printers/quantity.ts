// Resource quantities ("500m", "1Gi", "1.5") printed in canonical form, as apimachinery's resource.Quantity
// String() prints them after the server has decoded an object: "1.5Gi" → "1536Mi", "1000" → "1k", "0.5" → "500m".

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

interface Decimal {
  /** The value is unscaled × 10^-scale. */
  unscaled: bigint;
  scale: number;
}

interface Parts {
  negative: boolean;
  /** Sign, integer and fraction digits as written. */
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const MAX_INT64 = 2n ** 63n - 1n;
const NANO = -9;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** Splits "-1.5Gi" into sign, digits and suffix (resource.parseQuantityString); undefined when malformed. */
function split(text: string): Parts | undefined {
  let pos = 0;
  let negative = false;
  if (text[0] === '-' || text[0] === '+') {
    negative = text[0] === '-';
    pos = 1;
  }
  while (text[pos] === '0') pos++;
  if (pos >= text.length) return { negative, value: '0', num: '0', denom: '', suffix: '' };
  const numStart = pos;
  while (isDigit(text[pos])) pos++;
  const num = text.slice(numStart, pos) || '0';
  let denom = '';
  if (text[pos] === '.') {
    const denomStart = ++pos;
    while (isDigit(text[pos])) pos++;
    denom = text.slice(denomStart, pos);
  }
  const value = text.slice(0, pos);
  const suffixStart = pos;
  while (pos < text.length && 'eEinumkKMGTP'.includes(text[pos] ?? '')) pos++;
  if (text[pos] === '-' || text[pos] === '+') pos++;
  while (isDigit(text[pos])) pos++;
  if (pos < text.length) return undefined;
  return { negative, value, num, denom, suffix: text.slice(suffixStart) };
}

function interpret(suffix: string): { base: 2 | 10; exponent: number; format: Format } | undefined {
  const decimal = DECIMAL_SUFFIXES[suffix];
  if (decimal !== undefined) return { base: 10, exponent: decimal, format: 'DecimalSI' };
  const binary = BINARY_SUFFIXES[suffix];
  if (binary !== undefined) return { base: 2, exponent: binary, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    return { base: 10, exponent: Number(suffix.slice(1)), format: 'DecimalExponent' };
  }
  return undefined;
}

/** Rounds away from zero to nanos, as the server does for values finer than 1n. */
function roundUpToNano(d: Decimal): Decimal {
  if (d.unscaled === 0n || d.scale <= -NANO) return d;
  const divisor = 10n ** BigInt(d.scale + NANO);
  const quotient = d.unscaled / divisor;
  const exact = quotient * divisor === d.unscaled;
  const sign = d.unscaled < 0n ? -1n : 1n;
  return { unscaled: exact ? quotient : quotient + sign, scale: -NANO };
}

function removeFactors(value: bigint, factor: bigint): [bigint, number] {
  let times = 0;
  while (value !== 0n && value % factor === 0n) {
    value /= factor;
    times++;
  }
  return [value, times];
}

/** The value as a whole number, or undefined when it has a fraction. */
function wholeValue(d: Decimal): bigint | undefined {
  if (d.scale <= 0) return d.unscaled * 10n ** BigInt(-d.scale);
  const divisor = 10n ** BigInt(d.scale);
  return d.unscaled % divisor === 0n ? d.unscaled / divisor : undefined;
}

function suffixFor(table: Record<string, number>, exponent: number): string {
  return Object.keys(table).find((suffix) => table[suffix] === exponent) ?? '';
}

/** Quantity.CanonicalizeBytes: binary suffixes only for whole values of at least 1Ki, else a power of 1000. */
function canonical(d: Decimal, format: Format): string {
  if (d.unscaled === 0n) return '0';
  const whole = format === 'BinarySI' ? wholeValue(d) : undefined;
  if (whole !== undefined && (whole <= -1024n || whole >= 1024n)) {
    const [amount, times] = removeFactors(whole, 1024n);
    return `${amount}${suffixFor(BINARY_SUFFIXES, times * 10)}`;
  }
  let [amount, exponent] = removeFactors(d.unscaled, 10n);
  exponent -= d.scale;
  while (exponent % 3 !== 0) {
    amount *= 10n;
    exponent--;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  return `${amount}${suffixFor(DECIMAL_SUFFIXES, exponent)}`;
}

/** A fraction such as "0.25" scaled to a Decimal. */
function decimalOf(value: string): Decimal {
  const [whole = '', fraction = ''] = value.replace(/^[+-]/, '').split('.');
  const unscaled = BigInt(`${whole}${fraction}` || '0');
  return { unscaled: value.startsWith('-') ? -unscaled : unscaled, scale: fraction.length };
}

/** The value of a quantity the way the server holds it, or undefined when the text is not a quantity. */
function parse(text: string): { decimal: Decimal; format: Format; keep: boolean } | undefined {
  const parts = split(text);
  const meaning = parts && interpret(parts.suffix);
  if (!parts || !meaning) return undefined;
  const { negative, num, denom } = parts;
  const { base, exponent, format } = meaning;
  let precision: number;
  let mantissa = 1n;
  let scale = 0;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom === '') {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else precision = -1;
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0 && scale - denom.length >= NANO) {
    const shifted = num + denom;
    const result = BigInt(shifted) * mantissa;
    if (result <= MAX_INT64) {
      const keep =
        format === 'BinarySI'
          ? exponent % 10 === 0 && (BigInt(shifted) & 7n) !== 0n
          : (scale - denom.length) % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
      return { decimal: { unscaled: negative ? -result : result, scale: denom.length - scale }, format, keep };
    }
  }
  let decimal = decimalOf(parts.value);
  if (base === 10) decimal = { unscaled: decimal.unscaled, scale: decimal.scale - exponent };
  else decimal = { unscaled: decimal.unscaled << BigInt(exponent), scale: decimal.scale };
  decimal = roundUpToNano(decimal);
  let finalFormat = format;
  if (format === 'BinarySI') {
    const magnitude = decimal.unscaled < 0n ? -decimal.unscaled : decimal.unscaled;
    const one = 10n ** BigInt(decimal.scale);
    if (magnitude > MAX_INT64 * one) decimal = { unscaled: decimal.unscaled < 0n ? -MAX_INT64 : MAX_INT64, scale: 0 };
    else if (magnitude > 0n && magnitude < one) finalFormat = 'DecimalSI';
  }
  return { decimal, format: finalFormat, keep: false };
}

/** A quantity field printed as Quantity.String() does; a missing quantity is the zero quantity "0". */
export function formatQuantity(value: unknown): string {
  if (value === undefined || value === null) return '0';
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  if (text === '0') return '0';
  const parsed = parse(text);
  if (!parsed) return text;
  return parsed.keep ? text : canonical(parsed.decimal, parsed.format);
}
