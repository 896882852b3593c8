import { describe, expect, it } from 'vitest';
import { masqueradeMark } from './masquerade-mark.ts';

describe('masqueradeMark', () => {
  it.each([
    [undefined, '0x00004000'],
    [14, '0x00004000'],
    [0, '0x00000001'],
    [31, '0x80000000'],
  ])('prints 1 << %s as Go prints %%#08x: %s', (bit, expected) => {
    expect(masqueradeMark(bit)).toBe(expected);
  });
});
