import { describe, expect, it } from 'vitest';
import { computeProbability, probability } from './probability.ts';

describe('probability', () => {
  it.each([
    [2, '0.5000000000'],
    [3, '0.3333333333'],
    [4, '0.2500000000'],
    [5, '0.2000000000'],
    [6, '0.1666666667'],
    [7, '0.1428571429'],
    [1024, '0.0009765625'],
    [2048, '0.0004882812'],
    [4096, '0.0002441406'],
    [3000, '0.0003333333'],
  ])('prints 1/%i as Go prints %%0.10f: %s', (n, expected) => {
    expect(probability(n)).toBe(expected);
    expect(computeProbability(n)).toBe(expected);
  });
});
