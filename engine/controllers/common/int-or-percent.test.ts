import { describe, expect, it } from 'vitest';
import { scaledValueFromIntOrPercent } from './int-or-percent.ts';

describe('int-or-percent values', () => {
  const cases = [
    { name: 'an integer is taken as it is', value: 3, total: 10, roundUp: true, expected: 3 },
    { name: 'a percentage rounds up when asked', value: '25%', total: 10, roundUp: true, expected: 3 },
    { name: 'a percentage rounds down when asked', value: '25%', total: 10, roundUp: false, expected: 2 },
    { name: '25% of one replica is one when rounding up', value: '25%', total: 1, roundUp: true, expected: 1 },
    { name: '25% of one replica is zero when rounding down', value: '25%', total: 1, roundUp: false, expected: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => expect(scaledValueFromIntOrPercent(c.value, c.total, c.roundUp)).toBe(c.expected));
  }

  it('rejects a string that is not a percentage with upstream message', () => {
    expect(() => scaledValueFromIntOrPercent('3', 10, true)).toThrow(
      'invalid value for IntOrString: invalid type: string is not a percentage',
    );
  });
});
