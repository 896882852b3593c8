// Tests for the label selector tokenizer, with upstream's TestLexer and TestLexerSequence cases.
import { describe, expect, it } from 'vitest';
import { scanSelector } from './label-lexer.ts';
import type { Token } from './label-lexer.ts';

const tokens = (s: string): Token[] => scanSelector(s).map((item) => item.token);

describe('scanSelector', () => {
  it.each<[string, Token]>([
    ['', 'EndOfString'],
    [',', 'Comma'],
    ['notin', 'NotIn'],
    ['in', 'In'],
    ['=', 'Equals'],
    ['==', 'DoubleEquals'],
    ['>', 'GreaterThan'],
    ['<', 'LessThan'],
    ['!', 'DoesNotExist'],
    ['!=', 'NotEquals'],
    ['(', 'OpenPar'],
    [')', 'ClosedPar'],
    ['~', 'Identifier'],
    ['||', 'Identifier'],
  ])('reads %j as one %s token with the text as its literal', (s, token) => {
    const [first] = scanSelector(s);
    expect(first).toEqual({ token, literal: s });
  });

  it.each<[string, Token[]]>([
    ['key in ( value )', ['Identifier', 'In', 'OpenPar', 'Identifier', 'ClosedPar']],
    ['key notin ( value )', ['Identifier', 'NotIn', 'OpenPar', 'Identifier', 'ClosedPar']],
    ['key in ( value1, value2 )', ['Identifier', 'In', 'OpenPar', 'Identifier', 'Comma', 'Identifier', 'ClosedPar']],
    ['key', ['Identifier']],
    ['!key', ['DoesNotExist', 'Identifier']],
    ['()', ['OpenPar', 'ClosedPar']],
    ['x in (),y', ['Identifier', 'In', 'OpenPar', 'ClosedPar', 'Comma', 'Identifier']],
    ['== != (), = notin', ['DoubleEquals', 'NotEquals', 'OpenPar', 'ClosedPar', 'Comma', 'Equals', 'NotIn']],
    ['key>2', ['Identifier', 'GreaterThan', 'Identifier']],
    ['key<1', ['Identifier', 'LessThan', 'Identifier']],
    ['a=!b', ['Identifier', 'Equals', 'DoesNotExist', 'Identifier']],
    ['\ta\r\n=\nb ', ['Identifier', 'Equals', 'Identifier']],
    ['a\0b', ['Identifier', 'Identifier']],
  ])('splits %j into the upstream token sequence', (s, expected) => {
    expect(tokens(s)).toEqual([...expected, 'EndOfString']);
  });
});
