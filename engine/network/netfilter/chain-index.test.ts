import { describe, expect, it } from 'vitest';
import { parseIPv4 } from '../ip.ts';
import { ChainIndex, indexKey, ruleKey } from './chain-index.ts';
import { parseCommand } from './command.ts';
import type { Rule } from './rule.ts';

function rule(spec: string): Rule {
  const command = parseCommand(['-A', 'KUBE-SERVICES', ...spec.split(' ')]);
  if (typeof command === 'string') throw new Error(command);
  return command.rule!;
}

describe('the chain index', () => {
  it.each([
    ['an exact destination, protocol and port', '-d 10.96.0.1/32 -p tcp --dport 443 -j ACCEPT', true],
    ['a destination range', '-d 10.96.0.0/16 -p tcp --dport 443 -j ACCEPT', false],
    ['a negated destination', '! -d 10.96.0.1/32 -p tcp --dport 443 -j ACCEPT', false],
    ['a port range', '-d 10.96.0.1/32 -p tcp --dport 1:2 -j ACCEPT', false],
    ['a negated port', '-d 10.96.0.1/32 -p tcp ! --dport 443 -j ACCEPT', false],
    ['no port', '-d 10.96.0.1/32 -p tcp -j ACCEPT', false],
  ])('keys a rule with %s: %s', (_, spec, keyed) => {
    expect(ruleKey(rule(spec)) !== undefined).toBe(keyed);
  });

  it('gives a packet its own rules and the unkeyed ones, in rule order', () => {
    const rules = [
      rule('-d 10.96.0.1/32 -p tcp --dport 443 -j A1'),
      rule('-p udp -j X'),
      rule('-d 10.96.0.2/32 -p tcp --dport 80 -j B'),
      rule('-d 10.96.0.1/32 -p tcp --dport 443 -j A2'),
      rule('-m addrtype --dst-type LOCAL -j KUBE-NODEPORTS'),
    ];
    const index = new ChainIndex(rules);
    expect(index.candidates(indexKey(parseIPv4('10.96.0.1')!, 'tcp', 443))).toEqual([0, 1, 3, 4]);
    expect(index.candidates(indexKey(parseIPv4('10.96.0.1')!, 'udp', 443))).toEqual([1, 4]);
    expect(index.candidates(undefined)).toEqual([1, 4]);
  });
});
