// The Go value a resource.Quantity string decodes to (resource.ParseQuantity, as the controller manager's protobuf
// decoder calls it): an int64 amount and scale with the string kept when it is canonical, or — for values that do
// not fit the fast path — an inf.Dec. The deep hash of a pod template prints these private fields.

export interface GoQuantity {
  /** int64Amount{value, scale}; zero when the amount is a Dec. */
  value: bigint;
  scale: number;
  /** inf.Dec{unscaled, scale} for the slow path. */
  dec?: { unscaled: bigint; scale: number };
  /** The cached canonical string, or "". */
  s: string;
  format: 'DecimalSI' | 'BinarySI' | 'DecimalExponent';
}

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const MAX_INT64_FACTORS = 18;
const NANO = -9;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: GoQuantity['format'];
}

function interpret(suffix: string): Suffix | undefined {
  if (suffix in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix]!, format: 'DecimalSI' };
  if (suffix in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[suffix]!, format: 'BinarySI' };
  if (/^[eE][+-]?\d+$/.test(suffix)) return { base: 10, exponent: Number(suffix.slice(1)), format: 'DecimalExponent' };
  return undefined;
}

/** The parts of a quantity string: sign, numerator without leading zeros, denominator digits, suffix. */
function split(str: string): { positive: boolean; num: string; denom: string; suffix: string } | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(str);
  if (!m) return undefined;
  const num = m[2]!.replace(/^0+/, '') || '0';
  return { positive: m[1] !== '-', num, denom: m[3] ?? '', suffix: m[4]! };
}

/** ParseQuantity; undefined for a string Kubernetes would reject (validation never lets one through). */
export function parseGoQuantity(str: string): GoQuantity | undefined {
  if (str === '') return undefined;
  if (str === '0') return { value: 0n, scale: 0, s: str, format: 'DecimalSI' };
  const parts = split(str);
  if (!parts) return undefined;
  const { positive, num, denom } = parts;
  const suffix = interpret(parts.suffix);
  if (!suffix) return undefined;
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (suffix.format === 'BinarySI') {
    if (suffix.exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(suffix.exponent);
      precision = 15 - num.length - Math.trunc(Math.fround((suffix.exponent * 3) / 10)) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = suffix.exponent;
    precision = MAX_INT64_FACTORS - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= NANO) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      const result = value * mantissa;
      if (value <= INT64_MAX && result <= INT64_MAX && result >= INT64_MIN) {
        const signed = positive ? result : -result;
        const canonical =
          suffix.format === 'BinarySI'
            ? suffix.exponent % 10 === 0 && (value & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return { value: signed, scale, s: canonical ? str : '', format: suffix.format };
      }
    }
  }
  return { value: 0n, scale: 0, dec: slowPathDec(parts, suffix), s: '', format: decFormat(parts, suffix) };
}

/** The inf.Dec of the slow path: exact, rounded up to nanos, negative scale meaning a power of ten. */
function slowPathDec(parts: { positive: boolean; num: string; denom: string }, suffix: Suffix): GoQuantity['dec'] {
  let unscaled = BigInt(parts.num + parts.denom);
  let scale = parts.denom.length;
  if (suffix.base === 10) scale -= suffix.exponent;
  else unscaled *= 1n << BigInt(suffix.exponent);
  if (unscaled !== 0n && scale > -NANO) {
    const divisor = 10n ** BigInt(scale + NANO);
    unscaled = (unscaled + divisor - 1n) / divisor;
    scale = -NANO;
  }
  return { unscaled: parts.positive ? unscaled : -unscaled, scale };
}

/** A BinarySI amount strictly between 0 and 1 is kept as DecimalSI. */
function decFormat(parts: { num: string; denom: string }, suffix: Suffix): GoQuantity['format'] {
  if (suffix.format !== 'BinarySI') return suffix.format;
  const belowOne = parts.num === '0' && /[1-9]/.test(parts.denom) && suffix.exponent === 0;
  return belowOne ? 'DecimalSI' : 'BinarySI';
}
