// The probabilities of kube-proxy's `-m statistic --mode random --probability` rules: 1/n printed as Go's
// fmt.Sprintf("%0.10f", 1.0/float64(n)) prints it, precomputed and cached as the proxier caches them.

const cache: string[] = ['<bad value>'];

/**
 * 1/n with ten decimals. Go rounds the exact binary value half to even; toFixed rounds halves up. They differ only
 * where 1/n is a decimal tie at the eleventh place, which for a double 1/n happens only at n = 2048 (1/2048 =
 * 0.00048828125), so powers of two are rounded exactly here.
 */
export function computeProbability(n: number): string {
  if (Number.isInteger(Math.log2(n)) && n > 1024) {
    const scaled = 10n ** 11n / BigInt(n); // exact: n divides 10^11 only when n ≤ 2048
    const exact = 10n ** 11n % BigInt(n) === 0n;
    let tenths = scaled / 10n;
    const last = scaled % 10n;
    if (last > 5n || (last === 5n && (!exact || tenths % 2n === 1n))) tenths += 1n;
    return `0.${tenths.toString().padStart(10, '0')}`;
  }
  return (1 / n).toFixed(10);
}

/** The probability for the rule that picks one of the `n` remaining endpoints. */
export function probability(n: number): string {
  for (let i = cache.length; i <= n; i++) cache.push(computeProbability(i));
  return cache[n] ?? computeProbability(n);
}
