// kube-proxy's ipsets (IPVS mode) written into a node namespace's IpsetTable as its proxier syncs them: every set
// created when missing (`ipset create -exist`, bitmap:port over the whole port range), then the entries no longer
// wanted deleted and the new ones added — the sets are never flushed, so a packet never meets a half-filled set.

import type { IpsetState } from '../../node/kube-proxy/ipsets.ts';
import type { IpsetTable } from '../netfilter/ipset-table.ts';
import { readElement } from '../netfilter/ipset-types.ts';

const PORT_RANGE = '0-65535';

/** Applies the sets; the first refusal, as the proxier would log it, or undefined. */
export function syncIpsets(table: IpsetTable, sets: readonly IpsetState[]): string | undefined {
  const errors: string[] = [];
  const check = (result: { ok: true } | { ok: false; error: string }, what: string): void => {
    if (!result.ok) errors.push(`ipset ${what}: ${result.error}`);
  };
  for (const state of sets) {
    const options = state.type === 'bitmap:port' ? { range: PORT_RANGE } : {};
    check(table.create(state.name, state.type, options, true), `create ${state.name} ${state.type}`);
    const set = table.get(state.name);
    if (!set) continue;
    // As the kernel stores them ("…,10.0.0.1/32" is kept as "…,10.0.0.1"), so what is there compares.
    const wanted = new Set(
      state.entries.map((entry) => {
        const element = readElement(set.type, entry);
        return typeof element === 'string' ? entry : element.key;
      }),
    );
    for (const entry of [...set.members.keys()]) {
      if (!wanted.has(entry)) check(table.del(state.name, entry, { exist: true }), `del ${state.name} ${entry}`);
    }
    for (const entry of wanted) {
      if (!set.members.has(entry)) check(table.add(state.name, entry, { exist: true }), `add ${state.name} ${entry}`);
    }
  }
  return errors[0];
}
