import { describe, expect, it } from 'vitest';
import { formatQuantity } from './quantity.ts';

describe('formatQuantity', () => {
  it.each([
    ['a missing quantity is zero', undefined, '0'],
    ['zero stays zero', '0', '0'],
    ['a canonical binary quantity is kept', '1Gi', '1Gi'],
    ['a canonical milli quantity is kept', '100m', '100m'],
    ['a plain number without trailing zeros is kept', '1024', '1024'],
    ['a decimal exponent that is a multiple of three is kept', '1e3', '1e3'],
    ['a leading plus sign is kept as written', '+1', '+1'],
    ['thousands become k', '1000', '1k'],
    ['a fraction becomes milli units', '0.5', '500m'],
    ['one and a half becomes milli units', '1.5', '1500m'],
    ['fractional gibibytes become mebibytes', '1.5Gi', '1536Mi'],
    ['kibibytes that fill a mebibyte are promoted', '2048Ki', '2Mi'],
    ['a binary multiple of eight is recomputed and stays binary', '8Gi', '8Gi'],
    ['a small binary fraction falls back to decimal', '0.1Ki', '102400m'],
    ['values below a nano are rounded up', '0.0000000001', '1n'],
    ['an exponent that is not a multiple of three is spelled out', '12e2', '1200'],
    ['megabytes written as a plain number are shortened', '128000000', '128M'],
    ['a JSON number is read like its text', 2, '2'],
    ['a negative quantity keeps its sign', '-1500m', '-1500m'],
    ['text that is not a quantity is printed as it is', '12 apples', '12 apples'],
  ])('%s', (_name, value, want) => {
    expect(formatQuantity(value)).toBe(want);
  });
});
