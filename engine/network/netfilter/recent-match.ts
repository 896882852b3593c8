// `-m recent` (xt_recent): remembers addresses in named lists of the namespace (RecentLists) and matches on them —
// `--set` adds the source and matches, `--rcheck` / `--update` match an address seen (within `--seconds`, at least
// `--hitcount` times; `--reap` forgets older ones), `--remove` forgets it. kube-proxy's sessionAffinity ClientIP:
// `-m recent --name KUBE-SEP-X --set` before the DNAT, `--rcheck --seconds 10800 --reap` in the Service chain.

import { formatIPv4, parseIPv4 } from '../ip.ts';
import type { ExtensionOption, MatchExtension } from './matches.ts';
import type { Match, MatchEnv } from './rule.ts';

type RecentCommand = 'set' | 'rcheck' | 'update' | 'remove';
const COMMANDS: readonly RecentCommand[] = ['set', 'rcheck', 'update', 'remove'];
const FULL_MASK = 0xffffffff;

interface RecentOptions {
  command: RecentCommand;
  invert: boolean;
  name: string;
  seconds: number;
  hitcount: number;
  reap: boolean;
  rttl: boolean;
  side: 'rsource' | 'rdest';
  mask: number;
}

class RecentMatch implements Match {
  readonly name = 'recent';
  constructor(private readonly o: RecentOptions) {}

  /** As libxt_recent saves it: the command, its modifiers, then the list, mask and side. */
  save(): string {
    const { o } = this;
    return (
      `${o.invert ? ' !' : ''} --${o.command}` +
      (o.seconds ? ` --seconds ${o.seconds}` : '') +
      (o.reap ? ' --reap' : '') +
      (o.hitcount ? ` --hitcount ${o.hitcount}` : '') +
      (o.rttl ? ' --rttl' : '') +
      ` --name ${o.name} --mask ${formatIPv4(o.mask)} --${o.side}`
    );
  }

  /** recent_mt: the answer starts as the inversion and flips when the command finds (or sets) the address. */
  test(env: MatchEnv): boolean {
    const { o } = this;
    const lists = env.recent;
    const address = formatIPv4(((o.side === 'rsource' ? env.src : env.dst) & o.mask) >>> 0);
    const ttl = env.packet.ttl;
    let hit: boolean;
    let entry = lists.lookup(o.name, address);
    if (entry && o.rttl && entry.ttl !== ttl) entry = undefined;
    if (!entry) {
      if (o.command !== 'set') return o.invert;
      lists.see(o.name, address, ttl);
      return !o.invert;
    }
    if (o.command === 'set') hit = true;
    else if (o.command === 'remove') {
      lists.remove(o.name, address);
      hit = true;
    } else if (o.seconds || o.hitcount) {
      const since = lists.now() - o.seconds * 1000;
      const recent = entry.stamps.filter((stamp) => !o.seconds || stamp >= since).length;
      hit = recent > 0 && recent >= o.hitcount;
      if (o.reap) lists.reap(o.name, since, entry);
    } else hit = true;
    if (o.command === 'set' || o.command === 'update') lists.see(o.name, address, ttl);
    return hit !== o.invert;
  }
}

function build(given: ExtensionOption[]): Match | string {
  const commands = given.filter((option) => COMMANDS.includes(option.name as RecentCommand));
  if (commands.length === 0) return "recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'";
  if (commands.length > 1) return "recent: only one of `--set', `--rcheck' `--update' or `--remove' may be set";
  const value = (name: string): string | undefined => given.findLast((option) => option.name === name)?.value;
  const has = (name: string): boolean => given.some((option) => option.name === name);
  const seconds = Number(value('seconds') ?? 0);
  const hitcount = Number(value('hitcount') ?? 0);
  if (!Number.isInteger(seconds) || seconds < 0) return `recent: bad value for option "--seconds"`;
  if (!Number.isInteger(hitcount) || hitcount < 0 || hitcount > 20) return `recent: bad value for option "--hitcount"`;
  const name = value('name') ?? 'DEFAULT';
  if (name.length === 0 || name.length > 200) return 'recent: --name too long';
  const mask = value('mask') === undefined ? FULL_MASK : parseIPv4(value('mask')!);
  if (mask === undefined) return `recent: bad mask "${value('mask')}"`;
  const command = commands[0]!.name as RecentCommand;
  const reap = has('reap');
  const rttl = has('rttl');
  if ((command === 'set' || command === 'remove') && (seconds || hitcount || reap || rttl)) {
    return 'recent: --set and --remove with --seconds, --hitcount, --rttl and --reap is not allowed';
  }
  if (reap && !seconds) return 'recent: you must specify --seconds with --reap';
  const side = given.findLast((option) => option.name === 'rsource' || option.name === 'rdest')?.name;
  return new RecentMatch({
    command,
    invert: commands[0]!.invert,
    name,
    seconds,
    hitcount,
    reap,
    rttl,
    side: side === 'rdest' ? 'rdest' : 'rsource',
    mask,
  });
}

export const recent: MatchExtension = {
  name: 'recent',
  options: new Map([
    ['set', false],
    ['rcheck', false],
    ['update', false],
    ['remove', false],
    ['seconds', true],
    ['reap', false],
    ['hitcount', true],
    ['rttl', false],
    ['name', true],
    ['rsource', false],
    ['rdest', false],
    ['mask', true],
  ]),
  build,
};
