// What CoreDNS's `forward . /etc/resolv.conf` reaches. The lab has no internet, so by default no upstream answers
// and forward replies SERVFAIL — what a real CoreDNS says when none of its upstreams can be reached — rather than
// inventing NXDOMAIN for names that may well exist. A lab can give it stub zones instead (say `example.com`), static
// records answered as a recursive resolver would: not authoritative, recursion available, NXDOMAIN for unknown
// names inside a stub zone, SERVFAIL outside all of them.

import type { DnsMessage, ResourceRecord } from './message.ts';
import { fqdn, replyTo } from './message.ts';
import { matchZone } from './names.ts';

export interface Upstream {
  /** The upstream's reply to the query, or undefined when no upstream can be reached. */
  exchange(query: DnsMessage): DnsMessage | undefined;
}

export const NO_UPSTREAM: Upstream = { exchange: () => undefined };

const STUB_TTL = 300;
const MAX_CNAME_CHAIN = 10;

export interface StubRecord {
  name: string;
  /** An IPv4 address (A) or a name (CNAME). */
  value: string;
}

export class StubZones implements Upstream {
  private readonly zones: string[];
  private readonly records = new Map<string, ResourceRecord[]>();

  constructor(zones: string[], records: StubRecord[]) {
    this.zones = zones.map(fqdn);
    for (const { name, value } of records) {
      const owner = fqdn(name);
      const record: ResourceRecord = /^[\d.]+$/.test(value)
        ? { name: owner, class: 'IN', ttl: STUB_TTL, type: 'A', address: value }
        : { name: owner, class: 'IN', ttl: STUB_TTL, type: 'CNAME', target: fqdn(value) };
      this.records.set(owner, [...(this.records.get(owner) ?? []), record]);
    }
  }

  exchange(query: DnsMessage): DnsMessage | undefined {
    const q = query.question[0];
    if (!q || matchZone(fqdn(q.name), this.zones) === undefined) return undefined;
    const reply = replyTo(query, 'NOERROR');
    reply.flags.ra = true;
    let name = fqdn(q.name);
    for (let hops = 0; hops <= MAX_CNAME_CHAIN; hops++) {
      const held = this.records.get(name);
      if (!held) {
        if (reply.answer.length === 0) reply.rcode = 'NXDOMAIN';
        return reply;
      }
      const wanted = held.filter((r) => r.type === q.type || q.type === 'ANY');
      if (wanted.length || q.type === 'CNAME') {
        reply.answer.push(...wanted);
        return reply;
      }
      const cname = held.find((r) => r.type === 'CNAME');
      if (!cname || cname.type !== 'CNAME') return reply;
      reply.answer.push(cname);
      name = cname.target;
    }
    return reply;
  }
}
