// `ipset list [NAME]` as ipset 7 prints it: per set its name, type, revision, header (family, hashsize, maxelem,
// bucketsize and initval of a hash; the range of a bitmap), size in memory, how many iptables rules reference it,
// and its members, sets separated by a blank line.

import type { Iptables } from './iptables.ts';
import type { IpSet } from './ipset-table.ts';
import { SetMatch } from './set-match.ts';
import { TABLE_NAMES } from './table.ts';

const BUCKET_SIZE = 12;

/** How many rules of the namespace's tables match on each set (`References:`). */
export function setReferences(iptables: Iptables): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of TABLE_NAMES) {
    for (const chain of iptables.table(name).chains.values()) {
      for (const rule of chain.rules) {
        for (const match of rule.matches) {
          if (match instanceof SetMatch) counts.set(match.setName, (counts.get(match.setName) ?? 0) + 1);
        }
      }
    }
  }
  return counts;
}

/** A stable per-set value for the hash's initval, as the kernel draws one when the set is created. */
function initval(name: string): string {
  let hash = 0x811c9dc5;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return `0x${hash.toString(16).padStart(8, '0')}`;
}

function header(set: IpSet): { header: string; size: number } {
  const comment = set.comment ? ' comment' : '';
  if (set.range) {
    const bits = set.range.last - set.range.first + 1;
    return { header: `range ${set.range.first}-${set.range.last}${comment}`, size: 200 + Math.ceil(bits / 8) };
  }
  const head = `family inet hashsize ${set.hashsize} maxelem ${set.maxelem}${comment} bucketsize ${BUCKET_SIZE}`;
  return { header: `${head} initval ${initval(set.name)}`, size: 200 + set.members.size * 16 };
}

function member(key: string, comment: string, withComments: boolean): string {
  return withComments && comment !== '' ? `${key} comment "${comment}"` : key;
}

export function formatIpsetList(sets: readonly IpSet[], references: ReadonlyMap<string, number>): string {
  return sets
    .map((set) => {
      const { header: text, size } = header(set);
      const members = [...set.members].map(([key, comment]) => member(key, comment, set.comment));
      return [
        `Name: ${set.name}`,
        `Type: ${set.type.name}`,
        `Revision: ${set.type.revision}`,
        `Header: ${text}`,
        `Size in memory: ${size}`,
        `References: ${references.get(set.name) ?? 0}`,
        `Number of entries: ${set.members.size}`,
        'Members:',
        ...members,
      ].join('\n');
    })
    .join('\n\n')
    .concat(sets.length > 0 ? '\n' : '');
}
