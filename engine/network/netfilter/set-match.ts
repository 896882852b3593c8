// `-m set [!] --match-set NAME FLAGS` (xt_set): whether the packet is in one of the namespace's ipsets, each
// dimension of the set's elements taken from the packet's source or destination as FLAGS say (`dst,dst`: the
// destination address and the protocol:destination port). A set with more dimensions than FLAGS never matches, as
// in ip_set_test; a hash:*,net set is looked up at every prefix its elements use, longest first.

import { formatNet } from './ipset-types.ts';
import type { ExtensionOption, MatchExtension } from './matches.ts';
import type { Match, MatchEnv } from './rule.ts';

type Side = 'src' | 'dst';
/** IPSET_DIM_MAX. */
const MAX_DIMENSIONS = 6;
const PORT_PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

export class SetMatch implements Match {
  readonly name = 'set';
  constructor(
    readonly setName: string,
    private readonly flags: readonly Side[],
    private readonly invert: boolean,
  ) {}

  save(): string {
    return `${this.invert ? ' !' : ''} --match-set ${this.setName} ${this.flags.join(',')}`;
  }

  test(env: MatchEnv): boolean {
    return this.lookup(env) !== this.invert;
  }

  private lookup({ ipsets, packet, src, dst }: MatchEnv): boolean {
    const set = ipsets.get(this.setName);
    if (!set || set.type.dimensions.length > this.flags.length) return false;
    const bitmap = set.type.name === 'bitmap:port';
    const parts: string[] = [];
    let net: number | undefined;
    for (const [i, dimension] of set.type.dimensions.entries()) {
      const source = this.flags[i] === 'src';
      if (dimension === 'ip') parts.push(source ? packet.src : packet.dst);
      else if (dimension === 'net') net = source ? src : dst;
      else {
        if (!PORT_PROTOCOLS.has(packet.protocol)) return false;
        const port = source ? packet.srcPort : packet.dstPort;
        parts.push(bitmap ? `${port}` : `${packet.protocol}:${port}`);
      }
    }
    const key = parts.join(',');
    if (net === undefined) return set.members.has(key);
    const prefixes = [...set.prefixes.keys()].sort((a, b) => b - a);
    return prefixes.some((prefix) => set.members.has(`${key},${formatNet(net, prefix)}`));
  }
}

function build(given: ExtensionOption[]): Match | string {
  const option = given.find((o) => o.name === 'match-set');
  if (!option) return "set match: You must specify `--match-set' with proper arguments";
  const [name = '', flagText] = option.value.split(' ');
  if (flagText === undefined) return '--match-set requires two args.';
  if (name.length > 31) return `setname \`${name}' too long, max 31 characters.`;
  const flags = flagText.split(',');
  if (flags.length > MAX_DIMENSIONS) return `Can't be more src/dst options than ${MAX_DIMENSIONS}.`;
  if (flags.some((flag) => flag !== 'src' && flag !== 'dst')) {
    return "You must specify (the comma separated list of) 'src' or 'dst'.";
  }
  return new SetMatch(name, flags as Side[], option.invert);
}

export const set: MatchExtension = {
  name: 'set',
  options: new Map([['match-set', 2]]),
  build,
};
