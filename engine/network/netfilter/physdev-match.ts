// `-m physdev [!] --physdev-is-in` (xt_physdev): whether the packet came in through a bridge's port, as
// br_netfilter records for frames entering a bridge (a pod's traffic reaching the node through cni0). kube-proxy's
// IPVS rules for externalIPs tell traffic from outside the node from the node's own pods with it. A packet that did
// not cross a bridge matches only the inverted test, as in the kernel.

import type { MatchExtension } from './matches.ts';
import type { Match, MatchEnv } from './rule.ts';

class PhysdevMatch implements Match {
  readonly name = 'physdev';
  constructor(private readonly invert: boolean) {}

  save(): string {
    return `${this.invert ? ' !' : ''} --physdev-is-in`;
  }

  test({ context }: MatchEnv): boolean {
    return (context.inBridge === true) !== this.invert;
  }
}

export const physdev: MatchExtension = {
  name: 'physdev',
  options: new Map([
    ['physdev-is-in', false],
    ['physdev-in', true],
    ['physdev-out', true],
    ['physdev-is-out', false],
    ['physdev-is-bridged', false],
  ]),
  build(given) {
    const option = given[0];
    if (!option) return 'PHYSDEV: no physdev option specified';
    if (given.length > 1 || option.name !== 'physdev-is-in') return 'physdev: only --physdev-is-in is simulated';
    return new PhysdevMatch(option.invert);
  },
};
