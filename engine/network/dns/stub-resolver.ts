// The resolver inside a program (libc's getaddrinfo), as musl and glibc run it: /etc/hosts first, then DNS through
// resolv.conf's nameservers with search-list expansion. A name with fewer dots than `ndots` is tried with each
// search domain first — musl then tries it as is, glibc only if it has a dot — while a name with at least `ndots`
// dots is tried as is first (musl: only as is; glibc: then with the search domains); an absolute name (trailing
// dot) is never expanded. musl stops at the first answer that is not NXDOMAIN; glibc goes on past NODATA and
// SERVFAIL too. Every query sent is kept, so a trace can show the walk down the search path.

import type { HostsTable } from './hosts-file.ts';
import type { DnsMessage, Question, Rcode } from './message.ts';
import { question, queryMessage } from './message.ts';
import type { ResolvConf } from './resolv-conf.ts';
import { resolverOptions } from './resolv-conf.ts';

export type Libc = 'musl' | 'glibc';

const LOCAL_NAMESERVER = '127.0.0.1';

/** Carries a query to a nameserver (UDP/53 through the data plane); undefined when no reply came (timeout). */
export type DnsTransport = (nameserver: string, query: DnsMessage) => DnsMessage | undefined;

export interface SentQuery {
  nameserver: string;
  question: Question;
  /** undefined: the nameserver did not answer. */
  reply: DnsMessage | undefined;
}

export type LookupError = 'NXDOMAIN' | 'NODATA' | 'SERVFAIL' | 'TIMEOUT' | 'REFUSED';

export interface Resolution {
  /** The name as found: the last CNAME target, or the name that answered (absolute). */
  canonicalName: string;
  addresses: string[];
  /** Where the answer came from. */
  source: 'hosts' | 'dns' | 'none';
  /** Every DNS query, in order. */
  queries: SentQuery[];
  /** Set when no address was found. */
  error?: LookupError;
}

export interface StubResolverOptions {
  libc?: Libc;
  /** /etc/hosts, consulted before DNS. */
  hosts?: HostsTable;
}

export class StubResolver {
  private readonly libc: Libc;
  private readonly ndots: number;
  private nextId = 1;

  constructor(
    private readonly conf: ResolvConf,
    private readonly transport: DnsTransport,
    private readonly options: StubResolverOptions = {},
  ) {
    this.libc = options.libc ?? 'musl';
    this.ndots = resolverOptions(conf).ndots;
  }

  /** The names tried for `name`, in order. */
  candidates(name: string): string[] {
    if (name.endsWith('.')) return [name];
    const dots = name.split('.').length - 1;
    const searched = this.conf.searches.map((domain) => `${name}.${domain}.`);
    const asIs = `${name}.`;
    if (this.libc === 'musl') return dots >= this.ndots ? [asIs] : [...searched, asIs];
    if (dots >= this.ndots) return [asIs, ...searched];
    return dots > 0 || searched.length === 0 ? [...searched, asIs] : searched;
  }

  lookup(name: string, type: 'A' | 'AAAA' = 'A'): Resolution {
    const fromHosts = this.options.hosts?.get(name.toLowerCase().replace(/\.$/, ''));
    const family = fromHosts?.filter((ip) => (type === 'A') === !ip.includes(':'));
    if (family?.length) return { canonicalName: name, addresses: family, source: 'hosts', queries: [] };
    const queries: SentQuery[] = [];
    let sawNoData = false;
    let sawServfail = false;
    for (const candidate of this.candidates(name)) {
      const reply = this.exchange(question(candidate, type), queries);
      const outcome = classify(reply);
      if (outcome === 'ANSWER') {
        const answer = reply?.answer ?? [];
        const addresses = answer.flatMap((r) => (r.type === type ? [r.address] : []));
        const cnames = answer.flatMap((r) => (r.type === 'CNAME' ? [r.target] : []));
        return { canonicalName: cnames.at(-1) ?? candidate, addresses, source: 'dns', queries };
      }
      if (outcome === 'NXDOMAIN') continue;
      if (this.libc === 'musl' || outcome === 'TIMEOUT' || outcome === 'REFUSED') return failed(name, queries, outcome);
      if (outcome === 'NODATA') sawNoData = true;
      else sawServfail = true;
    }
    return failed(name, queries, sawNoData ? 'NODATA' : sawServfail ? 'SERVFAIL' : 'NXDOMAIN');
  }

  /** Asks each nameserver in turn until one replies (the local host when resolv.conf names none). */
  private exchange(q: Question, queries: SentQuery[]): DnsMessage | undefined {
    const nameservers = this.conf.nameservers.length ? this.conf.nameservers : [LOCAL_NAMESERVER];
    for (const nameserver of nameservers) {
      const reply = this.transport(nameserver, queryMessage(this.nextId++ & 0xffff, q));
      queries.push({ nameserver, question: q, reply });
      if (reply) return reply;
    }
    return undefined;
  }
}

function failed(name: string, queries: SentQuery[], error: LookupError): Resolution {
  return { canonicalName: name, addresses: [], source: 'none', queries, error };
}

function classify(reply: DnsMessage | undefined): LookupError | 'ANSWER' {
  if (!reply) return 'TIMEOUT';
  const rcode: Rcode = reply.rcode;
  if (rcode === 'NXDOMAIN') return 'NXDOMAIN';
  if (rcode === 'REFUSED') return 'REFUSED';
  if (rcode !== 'NOERROR') return 'SERVFAIL';
  const type = reply.question[0]?.type;
  return reply.answer.some((r) => r.type === type) ? 'ANSWER' : 'NODATA';
}
