// Durations written as Go's time.Duration prints them ("1.234s", "523ms", "1m20s", "5m0s"), the way kubelet
// messages show them: pull times in Pulled events, back-off delays in CrashLoopBackOff messages.

const UNITS_BELOW_SECOND: [number, string][] = [
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
];

/** Digits of `n / unit` with the fraction's trailing zeros dropped ("1.5", "20"). */
function fraction(n: bigint, unit: bigint): string {
  const whole = n / unit;
  const rest = n % unit;
  if (rest === 0n) return whole.toString();
  const digits = rest
    .toString()
    .padStart(unit.toString().length - 1, '0')
    .replace(/0+$/, '');
  return `${whole}.${digits}`;
}

/** Formats a duration given in milliseconds (fractions down to nanoseconds are kept). */
export function goDuration(ms: number): string {
  let ns = BigInt(Math.round(ms * 1e6));
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  if (ns < 0n) ns = -ns;
  if (ns < 1_000_000_000n) {
    for (const [size, unit] of UNITS_BELOW_SECOND) {
      if (ns >= BigInt(size)) return `${sign}${fraction(ns, BigInt(size))}${unit}`;
    }
  }
  const hours = ns / 3_600_000_000_000n;
  const minutes = (ns / 60_000_000_000n) % 60n;
  const seconds = fraction(ns % 60_000_000_000n, 1_000_000_000n);
  if (hours > 0n) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0n) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** The duration truncated to whole milliseconds, as kubelet truncates pull times. */
export function goDurationMillis(ms: number): string {
  return goDuration(Math.trunc(ms));
}
