// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource.Quantity): the grammar, the errors, the
// rounding, and the string form exactly as an API server writes them back. A value is held as an exact decimal
// (a BigInt times a power of ten), never as a float.
//
// Upstream keeps the text a client sent when it is already canonical (a fast path that skips re-rendering), so a few
// non-canonical spellings survive a round trip there ("+1", "01Ki", "1E3"); `toString()` reproduces that too.

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/** A string that is not a quantity; the message is upstream's (ErrFormatWrong, ErrNumeric or ErrSuffix). */
export class QuantityError extends Error {
  override name = 'QuantityError';
}

const ERR_FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const ERR_NUMERIC = 'unable to parse numeric part of quantity';
const ERR_SUFFIX = "unable to parse quantity's suffix";

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
/** Quantities never carry more than nine decimal places (nano); finer values round up. */
const NANO = -9;
/** The most decimal digits an int64 always holds: upstream's limit for its exact fast path. */
const MAX_INT64_FACTORS = 18;
/** Beyond this many decimal digits a value is no finite JavaScript number. */
const MAX_NUMBER_DIGITS = 310;

const DECIMAL_SUFFIXES = new Map(Object.entries({ n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }));
const BINARY_SUFFIXES = new Map(Object.entries({ Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 }));
const SUFFIX_CHARS = 'eEinumkKMGTP';
const DECIMAL_SUFFIX_BY_EXPONENT = new Map([...DECIMAL_SUFFIXES].map(([s, e]) => [e, s]));
const BINARY_SUFFIX_BY_EXPONENT = new Map([...BINARY_SUFFIXES].map(([s, e]) => [e, s]));

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

interface QuantityParts {
  positive: boolean;
  /** The number as written, sign included (what upstream hands to inf.Dec). */
  value: string;
  /** Integer digits without leading zeros ("0" when none). */
  num: string;
  /** Fraction digits. */
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Splits a quantity into sign, number and suffix, as upstream's parseQuantityString scans it. */
function parseQuantityString(str: string): QuantityParts {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }

  while (str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };

  const numStart = pos;
  while (isDigit(str[pos])) pos++;
  if (pos >= end) return { positive, value: str, num: str.slice(numStart), denom: '', suffix: '' };
  const num = str.slice(numStart, pos) || '0';

  let denom = '';
  if (str[pos] === '.') {
    pos++;
    const denomStart = pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
    if (pos >= end) return { positive, value: str, num, denom, suffix: '' };
  }
  const value = str.slice(0, pos);

  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos]!)) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityError(ERR_FORMAT_WRONG);
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

/** Go's strconv.ParseInt(s, 10, 64) followed by a conversion to int32, as upstream reads "e<exponent>". */
function parseExponent(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  if (v > MAX_INT64 || v < MIN_INT64) return undefined;
  return Number(BigInt.asIntN(32, v));
}

function interpretSuffix(s: string): Suffix | undefined {
  const decimal = DECIMAL_SUFFIXES.get(s);
  if (decimal !== undefined) return { base: 10, exponent: decimal, format: 'DecimalSI' };
  const binary = BINARY_SUFFIXES.get(s);
  if (binary !== undefined) return { base: 2, exponent: binary, format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E')) {
    const exponent = parseExponent(s.slice(1));
    if (exponent !== undefined) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return undefined;
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);
const pow10 = (n: number): bigint => 10n ** BigInt(n);
const digitCount = (v: bigint): number => abs(v).toString().length;

/** v / 10^n, rounded away from zero when inexact (upstream's "round up"). */
function divideRoundingUp(v: bigint, n: number): bigint {
  if (n > digitCount(v) + 1) return v === 0n ? 0n : v > 0n ? 1n : -1n;
  const divisor = pow10(n);
  const quotient = v / divisor;
  if (v % divisor === 0n) return quotient;
  return v > 0n ? quotient + 1n : quotient - 1n;
}

/** Strips factors of `base` from v: v = result × base^times. */
function removeFactors(v: bigint, base: bigint): { result: bigint; times: number } {
  let result = v;
  let times = 0;
  while (result !== 0n && result % base === 0n) {
    result /= base;
    times++;
  }
  return { result, times };
}

export class Quantity {
  /** The value is unscaled × 10^scale. */
  private constructor(
    private readonly unscaled: bigint,
    private readonly scale: number,
    readonly format: QuantityFormat,
    /** The text as parsed, kept when upstream would keep it. */
    private readonly text?: string,
  ) {}

  /** Parses a quantity; throws QuantityError with upstream's message when the string is not one. */
  static parse(str: string): Quantity {
    if (str.length === 0) throw new QuantityError(ERR_FORMAT_WRONG);
    if (str === '0') return new Quantity(0n, 0, 'DecimalSI', str);

    const { positive, value, num, denom, suffix } = parseQuantityString(str);
    const interpreted = interpretSuffix(suffix);
    if (!interpreted) throw new QuantityError(ERR_SUFFIX);
    const { base, exponent } = interpreted;
    let format = interpreted.format;

    const exact = Quantity.parseExact(str, positive, num, denom, interpreted);
    if (exact) return exact;

    // The general path: exact decimal arithmetic, then rounding to nano and the BinarySI cap.
    if (!/[0-9]/.test(value)) throw new QuantityError(ERR_NUMERIC);
    const [intPart = '', fracPart = ''] = value.replace(/^[+-]/, '').split('.');
    let amount = BigInt(intPart + fracPart || '0');
    let scale = -fracPart.length;
    if (base === 10) scale += exponent;
    else amount <<= BigInt(exponent);
    if (amount !== 0n && scale < NANO) {
      amount = divideRoundingUp(amount, NANO - scale);
      scale = NANO;
    }
    if (format === 'BinarySI') {
      const q = new Quantity(amount, scale, format);
      if (q.cmp(new Quantity(MAX_INT64, 0, format)) > 0) {
        amount = MAX_INT64;
        scale = 0;
      } else if (amount !== 0n && q.cmp(new Quantity(1n, 0, format)) < 0) {
        format = 'DecimalSI';
      }
    }
    return new Quantity(positive ? amount : -amount, scale, format);
  }

  /**
   * Upstream's int64 fast path: taken when the digits fit an int64 without rounding. Only here is the parsed text
   * kept as the string form, and only when it already looks canonical.
   */
  private static parseExact(str: string, positive: boolean, num: string, denom: string, suffix: Suffix) {
    const { exponent, format } = suffix;
    let precision: number;
    let scale = 0;
    let mantissa = 1n;
    if (format === 'BinarySI') {
      if (denom.length > 0) return undefined;
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else {
      scale = exponent;
      precision = MAX_INT64_FACTORS - (num.length + denom.length);
    }
    if (precision < 0) return undefined;
    scale -= denom.length;
    if (scale < NANO) return undefined;
    const shifted = num + denom;
    const value = BigInt(shifted);
    const result = value * mantissa;
    if (result > MAX_INT64) return undefined;
    const canonical =
      format === 'BinarySI'
        ? exponent % 10 === 0 && (value & 7n) !== 0n
        : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
    return new Quantity(positive ? result : -result, scale, format, canonical ? str : undefined);
  }

  /** The string form an API server writes: canonical, except for texts upstream keeps as they were parsed. */
  toString(): string {
    if (this.text !== undefined) return this.text;
    if (this.unscaled === 0n) return '0';
    if (this.format === 'BinarySI' && this.cmpInt(-1024n) > 0 && this.cmpInt(1024n) < 0) {
      return this.decimalString('DecimalSI');
    }
    if (this.format === 'BinarySI') {
      const whole = this.scale >= 0 ? this.unscaled * pow10(this.scale) : divideRoundingUp(this.unscaled, -this.scale);
      if (!this.sameValue(whole)) return this.decimalString('DecimalSI');
      const { result, times } = removeFactors(whole, 1024n);
      // Like upstream, no suffix beyond Ei (values that large only come from sums).
      return `${result}${BINARY_SUFFIX_BY_EXPONENT.get(times * 10) ?? ''}`;
    }
    return this.decimalString(this.format);
  }

  toJSON(): string {
    return this.toString();
  }

  /** ceil(value × 1000), rounding away from zero; exact up to 2^53. */
  milliValue(): number {
    return this.scaledValue(-3);
  }

  /** The value rounded up (away from zero) to an integer; exact up to 2^53. */
  value(): number {
    return this.scaledValue(0);
  }

  /** -1, 0 or 1 as this quantity is less than, equal to or greater than the other. */
  cmp(other: Quantity): number {
    const a = this.unscaled;
    const b = other.unscaled;
    const signA = a === 0n ? 0 : a > 0n ? 1 : -1;
    const signB = b === 0n ? 0 : b > 0n ? 1 : -1;
    if (signA !== signB) return signA < signB ? -1 : 1;
    if (signA === 0) return 0;
    // Compare orders of magnitude first, so that 1e2000000000 never expands into digits.
    const magnitudeA = digitCount(a) + this.scale;
    const magnitudeB = digitCount(b) + other.scale;
    if (magnitudeA !== magnitudeB) return (magnitudeA > magnitudeB ? 1 : -1) * signA;
    const scale = Math.min(this.scale, other.scale);
    const x = a * pow10(this.scale - scale);
    const y = b * pow10(other.scale - scale);
    return x === y ? 0 : x < y ? -1 : 1;
  }

  /** The sum; a zero quantity takes the other's format, as upstream's Add does. */
  add(o: Quantity): Quantity {
    return this.combine(o.unscaled, o);
  }

  /** The difference; a zero quantity takes the other's format, as upstream's Sub does. */
  sub(o: Quantity): Quantity {
    return this.combine(-o.unscaled, o);
  }

  isZero(): boolean {
    return this.unscaled === 0n;
  }

  private combine(otherUnscaled: bigint, o: Quantity): Quantity {
    const scale = Math.min(this.scale, o.scale);
    const sum = this.unscaled * pow10(this.scale - scale) + otherUnscaled * pow10(o.scale - scale);
    return new Quantity(sum, scale, this.isZero() ? o.format : this.format);
  }

  private cmpInt(v: bigint): number {
    return this.cmp(new Quantity(v, 0, this.format));
  }

  private sameValue(integer: bigint): boolean {
    return this.cmpInt(integer) === 0;
  }

  /** Mantissa and a power-of-ten exponent that is a multiple of three, with the matching suffix. */
  private decimalString(format: QuantityFormat): string {
    const stripped = removeFactors(this.unscaled, 10n);
    let mantissa = stripped.result;
    let exponent = this.scale + stripped.times;
    const remainder = ((exponent % 3) + 3) % 3;
    mantissa *= pow10(remainder);
    exponent -= remainder;
    if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
    // Upstream prints no suffix when none exists for the exponent (e.g. 10^21), and so do we.
    return `${mantissa}${DECIMAL_SUFFIX_BY_EXPONENT.get(exponent) ?? ''}`;
  }

  private scaledValue(target: number): number {
    const diff = this.scale - target;
    if (diff < 0) return Number(divideRoundingUp(this.unscaled, -diff));
    if (this.unscaled === 0n) return 0;
    if (digitCount(this.unscaled) + diff > MAX_NUMBER_DIGITS) return this.unscaled > 0n ? Infinity : -Infinity;
    return Number(this.unscaled * pow10(diff));
  }
}

export function isValidQuantity(s: string): boolean {
  try {
    Quantity.parse(s);
    return true;
  } catch (error) {
    if (error instanceof QuantityError) return false;
    throw error;
  }
}

/** The string an API server would store for `s`; throws QuantityError when `s` is not a quantity. */
export function canonicalQuantity(s: string): string {
  return Quantity.parse(s).toString();
}
