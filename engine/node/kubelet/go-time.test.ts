import { describe, expect, it } from 'vitest';
import { rfc3339Nano, rfc3339NanoFixed } from './go-time.ts';

const T = Date.parse('2024-05-01T10:00:00Z');

describe('Go time formats', () => {
  it.each([
    [T, '2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000000000Z'],
    [T + 123, '2024-05-01T10:00:00.123Z', '2024-05-01T10:00:00.123000000Z'],
    [T + 1600.5, '2024-05-01T10:00:01.6005Z', '2024-05-01T10:00:01.600500000Z'],
  ])('writes %d as RFC3339Nano %s and RFC3339NanoFixed %s', (ms, nano, fixed) => {
    expect(rfc3339Nano(ms)).toBe(nano);
    expect(rfc3339NanoFixed(ms)).toBe(fixed);
  });
});
