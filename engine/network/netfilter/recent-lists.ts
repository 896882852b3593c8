// The address lists of `-m recent` in one network namespace (xt_recent's tables): per
// list name, the addresses seen and the times they were seen (the last 20, as ip_pkt_list_tot), on the Clock.
// kube-proxy's sessionAffinity ClientIP keeps each client on its endpoint with one list per endpoint chain.

/** xt_recent's ip_pkt_list_tot: the timestamps kept per address. */
export const STAMPS_KEPT = 20;

export interface RecentEntry {
  address: string;
  /** When the address was seen, oldest first, ms on the Clock. */
  stamps: number[];
  ttl: number;
}

export class RecentLists {
  private readonly lists = new Map<string, Map<string, RecentEntry>>();

  constructor(private readonly clock: { now(): number }) {}

  now(): number {
    return this.clock.now();
  }

  lookup(name: string, address: string): RecentEntry | undefined {
    return this.lists.get(name)?.get(address);
  }

  /** `--set` / `--update`: the address is seen now (added when new). */
  see(name: string, address: string, ttl: number): RecentEntry {
    let list = this.lists.get(name);
    if (!list) {
      list = new Map();
      this.lists.set(name, list);
    }
    let entry = list.get(address);
    if (!entry) {
      entry = { address, stamps: [], ttl };
      list.set(address, entry);
    }
    entry.stamps.push(this.clock.now());
    if (entry.stamps.length > STAMPS_KEPT) entry.stamps.shift();
    entry.ttl = ttl;
    return entry;
  }

  remove(name: string, address: string): void {
    this.lists.get(name)?.delete(address);
  }

  /** `--reap`: the list's addresses not seen since `since` go, except the one being checked. */
  reap(name: string, since: number, keep: RecentEntry): void {
    const list = this.lists.get(name);
    if (!list) return;
    for (const [address, entry] of list) {
      if (entry !== keep && (entry.stamps.at(-1) ?? 0) < since) list.delete(address);
    }
  }
}
