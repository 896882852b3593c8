import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { ClusterDnsIndex } from './cluster-dns-index.ts';
import { CoreDnsServer } from './coredns-server.ts';
import { parseHostsFile } from './hosts-file.ts';
import type { DnsMessage } from './message.ts';
import { replyTo } from './message.ts';
import type { ResolvConf } from './resolv-conf.ts';
import type { DnsTransport, Libc } from './stub-resolver.ts';
import { StubResolver } from './stub-resolver.ts';

const SHOP: ResolvConf = {
  nameservers: ['10.96.0.10'],
  searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
  options: ['ndots:5'],
};

function coredns(): CoreDnsServer {
  const index = new ClusterDnsIndex(() => 0);
  const objects: KubeObject[] = [
    { metadata: { name: 'shop' } },
    { metadata: { name: 'other' } },
    { metadata: { name: 'web', namespace: 'shop' }, spec: { clusterIP: '10.96.3.7', ports: [{ port: 80 }] } },
    { metadata: { name: 'web', namespace: 'other' }, spec: { clusterIP: '10.96.4.4', ports: [{ port: 80 }] } },
    {
      metadata: { name: 'ext', namespace: 'shop' },
      spec: { type: 'ExternalName', externalName: 'web.other.svc.cluster.local' },
    },
  ];
  for (const o of objects) {
    if (o.spec) index.setService(o);
    else index.setNamespace(o);
  }
  return new CoreDnsServer(index);
}

const toCoreDns: DnsTransport = (nameserver, query) =>
  nameserver === '10.96.0.10' ? coredns().serve(query) : undefined;

function names(resolver: StubResolver, name: string): string[] {
  return resolver.lookup(name).queries.map((q) => q.question.name);
}

describe('search-list expansion', () => {
  it.each<[string, Libc, string, string[]]>([
    [
      'a single label from namespace shop tries the shop search domain first and stops at the answer',
      'musl',
      'web',
      ['web.shop.svc.cluster.local.'],
    ],
    [
      'web.other walks the search list until svc.cluster.local answers',
      'musl',
      'web.other',
      ['web.other.shop.svc.cluster.local.', 'web.other.svc.cluster.local.'],
    ],
    [
      'a name that exists nowhere is tried with every suffix, then as is (musl)',
      'musl',
      'nope',
      ['nope.shop.svc.cluster.local.', 'nope.svc.cluster.local.', 'nope.cluster.local.', 'nope.'],
    ],
    [
      'glibc does not try a single label as is after the search list',
      'glibc',
      'nope',
      ['nope.shop.svc.cluster.local.', 'nope.svc.cluster.local.', 'nope.cluster.local.'],
    ],
    [
      'a service FQDN has only four dots, so ndots 5 sends it down the search list first',
      'musl',
      'web.shop.svc.cluster.local',
      [
        'web.shop.svc.cluster.local.shop.svc.cluster.local.',
        'web.shop.svc.cluster.local.svc.cluster.local.',
        'web.shop.svc.cluster.local.cluster.local.',
        'web.shop.svc.cluster.local.',
      ],
    ],
    [
      'a name with five dots (ndots 5) is tried as is only (musl)',
      'musl',
      'db-0.db.shop.svc.cluster.local',
      ['db-0.db.shop.svc.cluster.local.'],
    ],
    [
      'an external name with fewer dots than ndots goes through the whole search list first',
      'musl',
      'kubernetes.io',
      [
        'kubernetes.io.shop.svc.cluster.local.',
        'kubernetes.io.svc.cluster.local.',
        'kubernetes.io.cluster.local.',
        'kubernetes.io.',
      ],
    ],
    ['an absolute name is never expanded', 'musl', 'web.other.', ['web.other.']],
  ])('%s', (_sentence, libc, name, expected) => {
    expect(names(new StubResolver(SHOP, toCoreDns, { libc }), name)).toEqual(expected);
  });

  it('glibc tries a name with ndots dots as is first, then the search list', () => {
    const resolver = new StubResolver({ ...SHOP, options: ['ndots:1'] }, toCoreDns, { libc: 'glibc' });
    expect(resolver.candidates('web.other')).toEqual([
      'web.other.',
      'web.other.shop.svc.cluster.local.',
      'web.other.svc.cluster.local.',
      'web.other.cluster.local.',
    ]);
  });
});

describe('lookup results', () => {
  it('returns the addresses and the name that answered', () => {
    const result = new StubResolver(SHOP, toCoreDns).lookup('web');
    expect(result).toMatchObject({
      canonicalName: 'web.shop.svc.cluster.local.',
      addresses: ['10.96.3.7'],
      source: 'dns',
    });
    expect(result.error).toBeUndefined();
  });

  it('follows a CNAME to its canonical name', () => {
    expect(new StubResolver(SHOP, toCoreDns).lookup('ext')).toMatchObject({
      canonicalName: 'web.other.svc.cluster.local.',
      addresses: ['10.96.4.4'],
    });
  });

  it('answers from /etc/hosts before asking DNS', () => {
    const hosts = parseHostsFile('10.244.1.5\tweb-7d4b9\n');
    const result = new StubResolver(SHOP, toCoreDns, { hosts }).lookup('web-7d4b9');
    expect(result).toMatchObject({ addresses: ['10.244.1.5'], source: 'hosts', queries: [] });
  });

  it('reports NXDOMAIN after the last candidate, and SERVFAIL where musl stops (no internet)', () => {
    expect(new StubResolver(SHOP, toCoreDns).lookup('nope').error).toBe('SERVFAIL');
    expect(new StubResolver(SHOP, toCoreDns, { libc: 'glibc' }).lookup('nope').error).toBe('NXDOMAIN');
  });

  it('stops at NODATA with musl but goes on with glibc', () => {
    const noData: DnsTransport = (_ns, query) =>
      query.question[0]?.name === 'web.shop.svc.cluster.local.'
        ? replyTo(query, 'NOERROR')
        : replyTo(query, 'NXDOMAIN');
    expect(new StubResolver(SHOP, noData).lookup('web').queries).toHaveLength(1);
    const glibc = new StubResolver(SHOP, noData, { libc: 'glibc' }).lookup('web');
    expect(glibc.queries).toHaveLength(3);
    expect(glibc.error).toBe('NODATA');
  });

  it('tries the next nameserver when one does not answer, and times out when none does', () => {
    const conf = { ...SHOP, nameservers: ['10.96.0.99', '10.96.0.10'] };
    const result = new StubResolver(conf, toCoreDns).lookup('web');
    expect(result.queries.map((q) => [q.nameserver, q.reply?.rcode])).toEqual([
      ['10.96.0.99', undefined],
      ['10.96.0.10', 'NOERROR'],
    ]);
    const silent: DnsTransport = () => undefined;
    expect(new StubResolver(SHOP, silent).lookup('web').error).toBe('TIMEOUT');
  });

  it('asks the local host when resolv.conf names no nameserver', () => {
    const seen: string[] = [];
    const record: DnsTransport = (ns, query): DnsMessage => {
      seen.push(ns);
      return replyTo(query, 'NXDOMAIN');
    };
    new StubResolver({ nameservers: [], searches: [], options: [] }, record).lookup('web.');
    expect(seen).toEqual(['127.0.0.1']);
  });
});
