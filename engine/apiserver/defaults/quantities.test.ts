import { describe, expect, it } from 'vitest';
import { canonicalQuantityValue, defaultResourceList } from './quantities.ts';

describe('resource list defaults', () => {
  it.each([
    ['half a CPU reads back in millicores', '0.5', '500m'],
    ['1024Mi reads back as 1Gi', '1024Mi', '1Gi'],
    ['sub-millicore values round up', '0.0001', '1m'],
    ['a bare number is a quantity too', 2, '2'],
    ['an invalid quantity is left for validation', 'lots', 'lots'],
  ])('%s', (_name, value, expected) => {
    const parent: Record<string, unknown> = { requests: { cpu: value } };
    defaultResourceList(parent, 'requests');
    expect(parent).toEqual({ requests: { cpu: expected } });
  });

  it('writes single quantities canonically', () => {
    expect(canonicalQuantityValue('1000Mi')).toBe('1000Mi');
    expect(canonicalQuantityValue('1.5Gi')).toBe('1536Mi');
  });
});
