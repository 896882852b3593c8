import { describe, expect, it } from 'vitest';
import { quoteArgument, splitArguments } from './arguments.ts';

describe('splitting restore lines into arguments', () => {
  it.each([
    ['-A KUBE-SERVICES -j KUBE-NODEPORTS', ['-A', 'KUBE-SERVICES', '-j', 'KUBE-NODEPORTS']],
    ['  -A\tX   -j  ACCEPT ', ['-A', 'X', '-j', 'ACCEPT']],
    [
      '-A X -m comment --comment "default/kubernetes:https cluster IP" -j Y',
      ['-A', 'X', '-m', 'comment', '--comment', 'default/kubernetes:https cluster IP', '-j', 'Y'],
    ],
    ['--comment "say \\"hi\\"" x', ['--comment', 'say "hi"', 'x']],
    ['--comment ""', ['--comment', '']],
  ])('splits %j', (line, args) => {
    expect(splitArguments(line)).toEqual(args);
  });

  it('refuses a quote left open', () => {
    expect(splitArguments('-m comment --comment "open')).toBeUndefined();
  });
});

describe('quoting arguments as iptables-save does', () => {
  it.each([
    ['kubernetes', 'kubernetes'],
    ['kube-system/kube-dns:dns', '"kube-system/kube-dns:dns"'],
    ['default/kubernetes:https cluster IP', '"default/kubernetes:https cluster IP"'],
    ['', '""'],
    ['say "hi"', '"say \\"hi\\""'],
  ])('prints %j as %s', (value, printed) => {
    expect(quoteArgument(value)).toBe(printed);
    expect(splitArguments(printed)).toEqual([value]);
  });
});
