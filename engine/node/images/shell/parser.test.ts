import { describe, expect, it } from 'vitest';
import type { Command, List } from './ast.ts';
import { parse } from './parser.ts';
import { ShellSyntaxError } from './syntax-error.ts';
import type { SyntaxProblem } from './syntax-error.ts';

/** The first command of the first pipeline of a list. */
function firstCommand(list: List): Command {
  return list[0]!.command.first.commands[0]!;
}

describe('parse', () => {
  it('splits a list on ;, & and newlines, marking background items', () => {
    const list = parse('a; b &\nc');
    expect(list.map((item) => item.background)).toEqual([false, true, false]);
  });

  it('groups && and || left to right', () => {
    const [item] = parse('a && b || c');
    expect(item!.command.rest.map((entry) => entry.op)).toEqual(['&&', '||']);
  });

  it('collects the commands of a pipeline and its negation', () => {
    const [item] = parse('! a | b | c');
    expect(item!.command.first.negate).toBe(true);
    expect(item!.command.first.commands).toHaveLength(3);
  });

  it('separates assignments, words and redirections of a simple command', () => {
    const command = firstCommand(parse('A=1 B=2 env > /tmp/out 2>&1'));
    expect(command).toMatchObject({
      kind: 'simple',
      assignments: [{ name: 'A' }, { name: 'B' }],
      words: [[{ kind: 'literal', text: 'env' }]],
      redirects: [
        { fd: 1, op: '>' },
        { fd: 2, op: '>&' },
      ],
    });
  });

  it('keeps the quoting of word parts', () => {
    const command = firstCommand(parse(`echo 'a b'"$x"\\c`));
    expect(command.kind === 'simple' && command.words[1]).toEqual([
      { kind: 'quoted', text: 'a b' },
      { kind: 'double', parts: [{ kind: 'param', name: 'x' }] },
      { kind: 'quoted', text: 'c' },
    ]);
  });

  it('parses parameter operators, substitutions and arithmetic', () => {
    const command = firstCommand(parse('echo ${x:-d} $(date) $((1+2)) ${#x}'));
    expect(command.kind === 'simple' && command.words.slice(1).map((word) => word[0]?.kind)).toEqual([
      'param',
      'command',
      'arith',
      'param',
    ]);
  });

  it.each([
    ['if a; then b; elif c; then d; else e; fi', 'if'],
    ['while a; do b; done', 'loop'],
    ['until a; do b; done', 'loop'],
    ['for i in 1 2; do echo $i; done', 'for'],
    ['case $x in a|b) echo ab;; *) echo other;; esac', 'case'],
    ['{ a; b; }', 'group'],
    ['(a; b)', 'subshell'],
    ['f() { a; }', 'function'],
  ])('parses %s as a %s command', (text, kind) => {
    expect(firstCommand(parse(text)).kind).toBe(kind);
  });

  it('reads here-document bodies after the line of their operator', () => {
    const command = firstCommand(parse('cat <<EOF\nhello\nEOF\necho next'));
    expect(command.kind === 'simple' && command.redirects[0]?.body).toEqual([{ kind: 'quoted', text: 'hello\n' }]);
    expect(parse('cat <<EOF\nhello\nEOF\necho next')).toHaveLength(2);
  });

  it.each<[string, string, SyntaxProblem, boolean]>([
    ['an unterminated double quote', 'echo "abc', { kind: 'unterminated-quote' }, true],
    ['an unterminated single quote', "echo 'abc", { kind: 'unterminated-quote' }, true],
    ['a missing fi', 'if true; then echo', { kind: 'end-of-file', expecting: '"fi"' }, true],
    ['a missing done', 'while true; do echo', { kind: 'end-of-file', expecting: '"done"' }, true],
    ['a trailing &&', 'true &&', { kind: 'end-of-file' }, true],
    ['an unfinished here-document', 'cat <<EOF\nhello', { kind: 'end-of-file' }, true],
    ['a stray fi', 'fi', { kind: 'unexpected', token: '"fi"', text: 'fi' }, false],
    ['a stray )', 'echo )', { kind: 'unexpected', token: '")"', text: ')' }, false],
    ['a missing then', 'if true; fi', { kind: 'unexpected', token: '"fi"', text: 'fi', expecting: '"then"' }, false],
    ['two semicolons', 'echo a;;', { kind: 'unexpected', token: '";;"', text: ';;' }, false],
    ['a redirection without a target', 'echo >', { kind: 'end-of-file' }, true],
  ])('reports %s', (_case, text, problem, incomplete) => {
    let error: unknown;
    try {
      parse(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ShellSyntaxError);
    expect((error as ShellSyntaxError).problem).toEqual(problem);
    expect((error as ShellSyntaxError).incomplete).toBe(incomplete);
  });

  it('names the line of an error', () => {
    expect(() => parse('echo a\necho b\nfi')).toThrow(expect.objectContaining({ line: 3 }));
  });
});
