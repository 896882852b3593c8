// intstr.GetScaledValueFromIntOrPercent: an int-or-string such as a Deployment's maxSurge ("25%" or 2) resolved
// against a total, percentages rounded up or down as the caller asks.

import type { IntOrString } from './workload-types.ts';

/** The value for `total`; throws for a string that is not a percentage, with upstream's message. */
export function scaledValueFromIntOrPercent(value: IntOrString, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  if (!value.endsWith('%')) throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  const digits = value.slice(0, -1);
  if (!/^[+-]?\d+$/.test(digits)) {
    throw new Error(
      `invalid value for IntOrString: invalid value "${value}": strconv.Atoi: parsing "${digits}": invalid syntax`,
    );
  }
  const percent = Number(digits);
  const scaled = (percent * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
