import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors/status-error.ts';
import { queryBool, queryInt64, queryString, queryTime } from './query-params.ts';

const q = (text: string) => new URLSearchParams(text);

describe('query parameters read as Go’s conversions read them', () => {
  it.each([
    ['absent', '', false],
    ['"true"', 'x=true', true],
    ['"1"', 'x=1', true],
    ['empty', 'x=', true],
    ['any other word', 'x=yes', true],
    ['"false"', 'x=false', false],
    ['"FALSE"', 'x=FALSE', false],
    ['"0"', 'x=0', false],
    ['the first of several', 'x=false&x=true', false],
  ])('reads a boolean that is %s', (_, text, expected) => {
    expect(queryBool(q(text), 'x')).toBe(expected);
  });

  it('reads a string, empty when absent', () => {
    expect(queryString(q('c=web'), 'c')).toBe('web');
    expect(queryString(q(''), 'c')).toBe('');
  });

  it.each([
    ['10', 10],
    ['-1', -1],
    ['+7', 7],
  ])('reads the integer %s', (text, expected) => {
    expect(queryInt64(q(`n=${encodeURIComponent(text)}`), 'n')).toBe(expected);
  });

  it.each([
    ['x', 'strconv.ParseInt: parsing "x": invalid syntax'],
    ['1.5', 'strconv.ParseInt: parsing "1.5": invalid syntax'],
    ['', 'strconv.ParseInt: parsing "": invalid syntax'],
    ['9223372036854775808', 'strconv.ParseInt: parsing "9223372036854775808": value out of range'],
  ])('refuses the integer %j with a 400 in strconv’s words', (text, message) => {
    let error: unknown;
    try {
      queryInt64(q(`n=${text}`), 'n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).status).toMatchObject({ code: 400, reason: 'BadRequest', message });
  });

  it.each([
    ['a UTC time', '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z'],
    ['a time with an offset, in UTC', '2025-01-02T05:04:05+02:00', '2025-01-02T03:04:05Z'],
    ['a time with fractional seconds, to the second', '2025-01-02T03:04:05.999Z', '2025-01-02T03:04:05Z'],
    ['"null", the zero time', 'null', '0001-01-01T00:00:00Z'],
  ])('reads %s', (_, text, expected) => {
    expect(queryTime(q(`t=${encodeURIComponent(text)}`), 't')).toBe(expected);
  });

  it('reads an absent or empty time as none', () => {
    expect(queryTime(q(''), 't')).toBeUndefined();
    expect(queryTime(q('t='), 't')).toBeUndefined();
  });

  it('refuses a time that is not RFC 3339', () => {
    expect(() => queryTime(q('t=yesterday'), 't')).toThrow(
      'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
    );
  });
});
