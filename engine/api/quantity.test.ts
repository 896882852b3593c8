// Tests for resource quantities, with cases taken from upstream's quantity_test.go.
import { describe, expect, it } from 'vitest';
import { canonicalQuantity, isValidQuantity, Quantity, QuantityError } from './quantity.ts';
import type { QuantityFormat } from './quantity.ts';

/** mantissa × 10^exponent, for stating expected values exactly. */
const dec = (mantissa: bigint | number, exponent: number): Quantity => Quantity.parse(`${mantissa}e${exponent}`);
const MAX_INT64 = (1n << 63n) - 1n;

describe('Quantity.parse', () => {
  const cases: [input: string, value: Quantity, format: QuantityFormat][] = [
    ['0', dec(0, 0), 'DecimalSI'],
    ['0n', dec(0, 0), 'DecimalSI'],
    ['0u', dec(0, 0), 'DecimalSI'],
    ['0m', dec(0, 0), 'DecimalSI'],
    ['0Ki', dec(0, 0), 'BinarySI'],
    ['0k', dec(0, 0), 'DecimalSI'],
    ['0Mi', dec(0, 0), 'BinarySI'],
    ['0M', dec(0, 0), 'DecimalSI'],
    ['0Gi', dec(0, 0), 'BinarySI'],
    ['0G', dec(0, 0), 'DecimalSI'],
    ['0Ti', dec(0, 0), 'BinarySI'],
    ['0T', dec(0, 0), 'DecimalSI'],
    ['1', dec(1, 0), 'DecimalSI'],
    ['1Ki', dec(1024, 0), 'BinarySI'],
    ['8Ki', dec(8 * 1024, 0), 'BinarySI'],
    ['7Mi', dec(7 * 1024 ** 2, 0), 'BinarySI'],
    ['6Gi', dec(6 * 1024 ** 3, 0), 'BinarySI'],
    ['5Ti', dec(5 * 1024 ** 4, 0), 'BinarySI'],
    ['4Pi', dec(4 * 1024 ** 5, 0), 'BinarySI'],
    ['3Ei', dec(3n * 1024n ** 6n, 0), 'BinarySI'],
    ['10Ti', dec(10 * 1024 ** 4, 0), 'BinarySI'],
    ['100Ti', dec(100 * 1024 ** 4, 0), 'BinarySI'],
    ['5n', dec(5, -9), 'DecimalSI'],
    ['4u', dec(4, -6), 'DecimalSI'],
    ['3m', dec(3, -3), 'DecimalSI'],
    ['9', dec(9, 0), 'DecimalSI'],
    ['8k', dec(8, 3), 'DecimalSI'],
    ['50k', dec(5, 4), 'DecimalSI'],
    ['7M', dec(7, 6), 'DecimalSI'],
    ['6G', dec(6, 9), 'DecimalSI'],
    ['5T', dec(5, 12), 'DecimalSI'],
    ['40T', dec(4, 13), 'DecimalSI'],
    ['300T', dec(3, 14), 'DecimalSI'],
    ['2P', dec(2, 15), 'DecimalSI'],
    ['1E', dec(1, 18), 'DecimalSI'],
    ['1E-3', dec(1, -3), 'DecimalExponent'],
    ['1e3', dec(1, 3), 'DecimalExponent'],
    ['1E6', dec(1, 6), 'DecimalExponent'],
    ['1e9', dec(1, 9), 'DecimalExponent'],
    ['1E12', dec(1, 12), 'DecimalExponent'],
    ['1e15', dec(1, 15), 'DecimalExponent'],
    ['1E18', dec(1, 18), 'DecimalExponent'],
    ['1e14', dec(1, 14), 'DecimalExponent'],
    ['1e13', dec(1, 13), 'DecimalExponent'],
    ['100.035k', dec(100035, 0), 'DecimalSI'],
    ['0.001', dec(1, -3), 'DecimalSI'],
    ['0.0005k', dec(5, -1), 'DecimalSI'],
    ['0.005', dec(5, -3), 'DecimalSI'],
    ['0.05', dec(5, -2), 'DecimalSI'],
    ['0.5', dec(5, -1), 'DecimalSI'],
    ['0.00050k', dec(5, -1), 'DecimalSI'],
    ['0.00500', dec(5, -3), 'DecimalSI'],
    ['0.05000', dec(5, -2), 'DecimalSI'],
    ['0.50000', dec(5, -1), 'DecimalSI'],
    ['0.5e0', dec(5, -1), 'DecimalExponent'],
    ['0.5e-1', dec(5, -2), 'DecimalExponent'],
    ['0.5e-2', dec(5, -3), 'DecimalExponent'],
    ['10.035M', dec(10035, 3), 'DecimalSI'],
    ['1.2e3', dec(12, 2), 'DecimalExponent'],
    ['1.3E+6', dec(13, 5), 'DecimalExponent'],
    ['1.40e9', dec(14, 8), 'DecimalExponent'],
    ['1.53E12', dec(153, 10), 'DecimalExponent'],
    ['1.6e15', dec(16, 14), 'DecimalExponent'],
    ['1.7E18', dec(17, 17), 'DecimalExponent'],
    ['9.01', dec(901, -2), 'DecimalSI'],
    ['8.1k', dec(81, 2), 'DecimalSI'],
    ['7.123456M', dec(7123456, 0), 'DecimalSI'],
    ['6.987654321G', dec(6987654321, 0), 'DecimalSI'],
    ['5.444T', dec(5444, 9), 'DecimalSI'],
    ['40.1T', dec(401, 11), 'DecimalSI'],
    ['300.2T', dec(3002, 11), 'DecimalSI'],
    ['2.5P', dec(25, 14), 'DecimalSI'],
    ['1.01E', dec(101, 16), 'DecimalSI'],
    ['3.001n', dec(4, -9), 'DecimalSI'],
    ['1.1E-9', dec(2, -9), 'DecimalExponent'],
    ['0.0000000001', dec(1, -9), 'DecimalSI'],
    ['0.0000000005', dec(1, -9), 'DecimalSI'],
    ['0.00000000050', dec(1, -9), 'DecimalSI'],
    ['0.5e-9', dec(1, -9), 'DecimalExponent'],
    ['0.9n', dec(1, -9), 'DecimalSI'],
    ['0.00000012345', dec(124, -9), 'DecimalSI'],
    ['0.00000012354', dec(124, -9), 'DecimalSI'],
    ['9Ei', dec(MAX_INT64, 0), 'BinarySI'],
    ['9223372036854775807Ki', dec(MAX_INT64, 0), 'BinarySI'],
    ['12E', dec(12, 18), 'DecimalSI'],
    ['100.035Ki', dec(10243584, -2), 'BinarySI'],
    ['0.5Mi', dec(0.5 * 1024 * 1024, 0), 'BinarySI'],
    ['0.05Gi', dec(536870912, -1), 'BinarySI'],
    ['0.025Ti', dec(274877906944, -1), 'BinarySI'],
    ['0.000000000001Ki', dec(2, -9), 'DecimalSI'],
    ['.001', dec(1, -3), 'DecimalSI'],
    ['.0001k', dec(100, -3), 'DecimalSI'],
    ['1.', dec(1, 0), 'DecimalSI'],
    ['1.G', dec(1, 9), 'DecimalSI'],
  ];

  it.each(cases)('reads %s as the upstream value and format', (input, value, format) => {
    const q = Quantity.parse(input);
    expect(q.cmp(value)).toBe(0);
    expect(q.format).toBe(format);
  });

  it.each(cases)('reads -%s as the negated value in the same format', (input, value, format) => {
    const q = Quantity.parse(`-${input}`);
    expect(q.cmp(Quantity.parse('0').sub(value))).toBe(0);
    expect(q.format).toBe(format);
  });

  it.each(cases)('reads +%s as the same value and format', (input, value, format) => {
    const q = Quantity.parse(`+${input}`);
    expect(q.cmp(value)).toBe(0);
    expect(q.format).toBe(format);
  });

  const FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  const SUFFIX = "unable to parse quantity's suffix";
  const NUMERIC = 'unable to parse numeric part of quantity';
  it.each([
    ['', FORMAT_WRONG],
    ['1.1.M', FORMAT_WRONG],
    ['1+1.0M', FORMAT_WRONG],
    ['0.1mi', SUFFIX],
    ['0.1am', FORMAT_WRONG],
    ['aoeu', FORMAT_WRONG],
    ['.5i', SUFFIX],
    ['1i', SUFFIX],
    ['-3.01i', SUFFIX],
    ['-3.01e-', SUFFIX],
    [' 1', FORMAT_WRONG],
    ['1 ', FORMAT_WRONG],
    ['1K', SUFFIX],
    ['1e', SUFFIX],
    ['.e-10', NUMERIC],
  ])('rejects %j with upstream’s message', (input, message) => {
    expect(() => Quantity.parse(input)).toThrow(new QuantityError(message));
    expect(isValidQuantity(input)).toBe(false);
  });
});

describe('Quantity.toString', () => {
  // [canonical text, a non-canonical spelling of the same value ('' when none)], from TestQuantityString.
  const cases: [expected: string, alternate: string][] = [
    ['1Gi', '1024Mi'],
    ['300Mi', '307200Ki'],
    ['6Ki', ''],
    ['1001Gi', '1025024Mi'],
    ['1Ti', '1024Gi'],
    ['5', '5000m'],
    ['500m', '0.5'],
    ['1G', '1000M'],
    ['1G', '0.001T'],
    ['1m', '1000u'],
    ['80m', ''],
    ['1080m', '1.08'],
    ['1080m', '1080000000n'],
    ['300M', ''],
    ['1T', ''],
    ['1234567M', ''],
    ['1234567m', ''],
    ['3k', ''],
    ['1025', ''],
    ['0', '00'],
    ['1e9', '.001e12'],
    ['1e-3', '0.001e0'],
    ['1e-9', '1000e-12'],
    ['80e-3', ''],
    ['300e6', ''],
    ['1e12', ''],
    ['1e3', ''],
    ['3e3', ''],
    ['1n', ''],
    ['80n', ''],
    ['1080n', ''],
    ['1u', ''],
    ['80u', ''],
    ['1080u', ''],
  ];

  it.each(cases)('keeps the canonical text %s and renders %j the same way', (canonical, alternate) => {
    expect(Quantity.parse(canonical).toString()).toBe(canonical);
    if (alternate) expect(Quantity.parse(alternate).toString()).toBe(canonical);
  });

  it.each(cases.filter(([canonical]) => canonical !== '0'))('renders -%s with a leading minus', (canonical) => {
    expect(Quantity.parse(`-${canonical}`).toString()).toBe(`-${canonical}`);
  });

  it.each([
    // TestQuantityParseEmit
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
    // the cases every kubectl user meets
    ['100m', '100m'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1.5Gi', '1536Mi'],
    ['1.5G', '1500M'],
    ['100000000m', '100k'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['123Mi', '123Mi'],
    ['1e-2', '10e-3'],
    ['0.5Mi', '512Ki'],
    ['1.1Ki', '1126400m'],
    ['1023Ki', '1023Ki'],
    ['8Ki', '8Ki'],
    ['9Ei', '9223372036854775807'],
    ['3.001n', '4n'],
  ])('writes %s back as %s', (input, expected) => {
    expect(Quantity.parse(input).toString()).toBe(expected);
    expect(canonicalQuantity(input)).toBe(expected);
    expect(Quantity.parse(`-${input}`).toString()).toBe(`-${expected}`);
  });

  it.each([
    ['+1', '+1'],
    ['01Ki', '01Ki'],
    ['1E3', '1E3'],
    ['1.', '1.'],
    ['1.G', '1.G'],
    ['+1Pi', '1Pi'],
    ['1000E', '1'],
    ['.', '0'],
    ['-', '0'],
  ])('reproduces upstream’s quirk of writing %s back as %s', (input, expected) => {
    expect(Quantity.parse(input).toString()).toBe(expected);
  });

  it('serialises to JSON as its string form', () => {
    expect(JSON.stringify({ cpu: Quantity.parse('0.5') })).toBe('{"cpu":"500m"}');
  });
});

describe('Quantity arithmetic', () => {
  it.each([
    ['0', '0', 0],
    ['100m', '50m', 1],
    ['50m', '100m', -1],
    ['10000T', '100Gi', 1],
    ['1Gi', '1073741824', 0],
    ['1e2000000000', '1', 1],
    ['-1e2000000000', '1', -1],
    ['1m', '0.0009', 1],
    ['-1', '-2', 1],
  ])('compares %s with %s as %i', (a, b, expected) => {
    expect(Quantity.parse(a).cmp(Quantity.parse(b))).toBe(expected);
    expect(Quantity.parse(b).cmp(Quantity.parse(a))).toBe(-expected || 0);
  });

  it.each([
    ['10', '1e1', '20', 'DecimalSI'],
    ['10', '1Ki', '1034', 'DecimalSI'],
    ['1Ki', '1', '1025', 'BinarySI'],
    ['0', '50', '50', 'DecimalSI'],
    ['50', '0', '50', 'DecimalSI'],
    ['0', '1Gi', '1Gi', 'BinarySI'],
    ['1Gi', '0', '1Gi', 'BinarySI'],
    ['100m', '0', '100m', 'DecimalSI'],
    ['4Ei', '4Ei', '8Ei', 'BinarySI'],
    ['250m', '1.5', '1750m', 'DecimalSI'],
  ])('adds %s and %s to make %s in %s', (a, b, sum, format) => {
    const q = Quantity.parse(a).add(Quantity.parse(b));
    expect(q.toString()).toBe(sum);
    expect(q.format).toBe(format);
  });

  it.each([
    ['10', '1e1', '0', 'DecimalSI'],
    ['10', '1', '9', 'DecimalSI'],
    ['1Ki', '1', '1023', 'BinarySI'],
    ['0', '50', '-50', 'DecimalSI'],
    ['0', '1Gi', '-1Gi', 'BinarySI'],
    ['100m', '0', '100m', 'DecimalSI'],
    ['2Gi', '512Mi', '1536Mi', 'BinarySI'],
  ])('subtracts %s minus %s to make %s in %s', (a, b, difference, format) => {
    const q = Quantity.parse(a).sub(Quantity.parse(b));
    expect(q.toString()).toBe(difference);
    expect(q.format).toBe(format);
  });

  it('cancels a long sequence of additions by the same subtractions', () => {
    const parts = Array.from({ length: 50 }, (_, i) => Quantity.parse(`${(i * 7919) % 1000}.${i}e${(i % 20) - 10}`));
    const total = parts.reduce((sum, q) => sum.add(q), Quantity.parse('0'));
    expect(parts.reduce((rest, q) => rest.sub(q), total).isZero()).toBe(true);
  });

  it.each([
    ['0', true],
    ['0Ki', true],
    ['-0', true],
    ['1n', false],
    ['-1', false],
  ])('says whether %s is zero: %s', (input, zero) => {
    expect(Quantity.parse(input).isZero()).toBe(zero);
  });
});

describe('Quantity.value and milliValue', () => {
  it.each([
    ['1m', 1, 1],
    ['1', 1000, 1],
    ['1234', 1234000, 1234],
    ['1e3', 1000000, 1000],
    ['1k', 1000000, 1000],
    ['1Ki', 1024000, 1024],
    ['1Mi', 1048576000, 1048576],
    ['1e6', 1000000000, 1000000],
    ['1n', 1, 1],
    ['1u', 1, 1],
    ['1500m', 1500, 2],
    ['0.5', 500, 1],
    ['-1500m', -1500, -2],
    ['1.5n', 1, 1],
    ['123Mi', 128974848000, 128974848],
    ['0', 0, 0],
  ])('gives %s as %i milli-units and %i units, rounding up', (input, milli, units) => {
    const q = Quantity.parse(input);
    expect(q.milliValue()).toBe(milli);
    expect(q.value()).toBe(units);
  });

  it('gives an infinite value for a quantity beyond any number', () => {
    expect(Quantity.parse('1e400').value()).toBe(Infinity);
    expect(Quantity.parse('-1e400').milliValue()).toBe(-Infinity);
  });
});

describe('isValidQuantity', () => {
  it.each([
    ['500m', true],
    ['1Gi', true],
    ['1e3', true],
    ['1.5', true],
    ['abc', false],
    ['1 Gi', false],
    ['', false],
  ])('says %j is a quantity: %s', (input, valid) => {
    expect(isValidQuantity(input)).toBe(valid);
  });
});
