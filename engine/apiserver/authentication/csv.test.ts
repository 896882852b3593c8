// Tests for the CSV reader of credential files.
import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it.each<[string, string, string[][]]>([
    ['an empty file', '', []],
    ['one record', 'a,b,c', [['a', 'b', 'c']]],
    [
      'records of different lengths',
      'a,b\nc,d,e\n',
      [
        ['a', 'b'],
        ['c', 'd', 'e'],
      ],
    ],
    [
      'CRLF line ends',
      'a,b\r\nc,d\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['blank lines', '\na,b\n\n\nc\n', [['a', 'b'], ['c']]],
    ['empty fields', ',a,,\n', [['', 'a', '', '']]],
    ['a quoted field with commas', 'tok,user,uid,"g1,g2"', [['tok', 'user', 'uid', 'g1,g2']]],
    ['doubled quotes in a quoted field', '"say ""hi""",x', [['say "hi"', 'x']]],
    ['a line break in a quoted field', '"a\nb",c\nd', [['a\nb', 'c'], ['d']]],
    ['an empty quoted field', '"",x', [['', 'x']]],
    ['spaces kept as they are', ' a , b ', [[' a ', ' b ']]],
  ])('reads %s', (_name, text, records) => {
    expect(parseCsv(text)).toEqual(records);
  });

  it.each([
    ['a,b"c', 'parse error on line 1, column 4: bare " in non-quoted-field'],
    ['ok\n"a"b,c', 'parse error on line 2, column 4: extraneous or missing " in quoted-field'],
    ['"never closed', 'parse error on line 1, column 14: extraneous or missing " in quoted-field'],
  ])('rejects %j with %j', (text, message) => {
    expect(() => parseCsv(text)).toThrow(new CsvError(message));
  });
});
