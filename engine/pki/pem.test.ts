// Tests for PEM armour.
import { describe, expect, it } from 'vitest';
import { decodePem, encodePem } from './pem.ts';

describe('encodePem and decodePem', () => {
  it.each([0, 1, 47, 48, 49, 200])('round-trips %i bytes through 64-column base64 lines', (length) => {
    const der = new Uint8Array(Array.from({ length }, (_, i) => (i * 37) % 256));
    const pem = encodePem(der, 'CERTIFICATE');
    expect(pem.startsWith('-----BEGIN CERTIFICATE-----\n')).toBe(true);
    expect(pem.endsWith('\n-----END CERTIFICATE-----\n')).toBe(true);
    expect(pem.split('\n').every((line) => line.length <= 64)).toBe(true);
    expect(decodePem(pem, 'CERTIFICATE')).toEqual(der);
  });

  it('finds the block of the requested type among others', () => {
    const pem = encodePem(new Uint8Array([1, 2]), 'CERTIFICATE') + encodePem(new Uint8Array([3, 4]), 'PRIVATE KEY');
    expect(decodePem(pem, 'PRIVATE KEY')).toEqual(new Uint8Array([3, 4]));
  });

  it('reads blocks with CRLF line endings', () => {
    const pem = encodePem(new Uint8Array([9, 8, 7]), 'PUBLIC KEY').replace(/\n/g, '\r\n');
    expect(decodePem(pem, 'PUBLIC KEY')).toEqual(new Uint8Array([9, 8, 7]));
  });

  it('says so when there is no block of that type', () => {
    expect(() => decodePem(encodePem(new Uint8Array([1]), 'PUBLIC KEY'), 'PRIVATE KEY')).toThrow(
      'no PRIVATE KEY block found in PEM data',
    );
  });
});
