import { describe, expect, it } from 'vitest';
import { busyboxNslookup, nslookupQueries } from './busybox-nslookup.ts';
import { ClusterDnsIndex } from './cluster-dns-index.ts';
import { CoreDnsServer } from './coredns-server.ts';
import type { ResolvConf } from './resolv-conf.ts';
import type { DnsTransport } from './stub-resolver.ts';

const DEFAULT_NS: ResolvConf = {
  nameservers: ['10.96.0.10'],
  searches: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
  options: ['ndots:5'],
};

function transport(): DnsTransport {
  const index = new ClusterDnsIndex(() => 1_700_000_000_000);
  index.setNamespace({ metadata: { name: 'default' } });
  index.setService({
    metadata: { name: 'web', namespace: 'default' },
    spec: { clusterIP: '10.96.3.7', ports: [{ name: 'http', port: 80 }] },
  });
  index.setService({
    metadata: { name: 'ext', namespace: 'default' },
    spec: { type: 'ExternalName', externalName: 'example.com' },
  });
  const server = new CoreDnsServer(index);
  return (nameserver, query) => (nameserver === '10.96.0.10' ? server.serve(query) : undefined);
}

const HEADER = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';

describe('busybox nslookup queries', () => {
  it.each<[string, string, string[]]>([
    [
      'a single label goes through each search domain, A then AAAA, never as is',
      'web',
      [
        'A web.default.svc.cluster.local',
        'A web.svc.cluster.local',
        'A web.cluster.local',
        'AAAA web.default.svc.cluster.local',
        'AAAA web.svc.cluster.local',
        'AAAA web.cluster.local',
      ],
    ],
    ['a name with a dot is sent as is, whatever ndots says', 'web.default', ['A web.default', 'AAAA web.default']],
    ['an address becomes one PTR query', '10.96.3.7', ['PTR 7.3.96.10.in-addr.arpa']],
  ])('%s', (_sentence, name, expected) => {
    expect(nslookupQueries(name, DEFAULT_NS.searches).map(([printed, q]) => `${q.type} ${printed}`)).toEqual(expected);
  });
});

describe('busybox nslookup output', () => {
  it('prints the found name among the search-domain misses, and fails because of them', () => {
    const run = busyboxNslookup('web', DEFAULT_NS, transport());
    expect(run.stdout).toBe(
      HEADER +
        'Name:\tweb.default.svc.cluster.local\nAddress: 10.96.3.7\n\n' +
        "** server can't find web.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find web.cluster.local: NXDOMAIN\n\n" +
        '\n' +
        "** server can't find web.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find web.cluster.local: NXDOMAIN\n\n",
    );
    expect(run.exitCode).toBe(1);
    expect(run.queries).toHaveLength(6);
  });

  it('succeeds for a fully qualified name: an address for A, an empty block for the AAAA NODATA', () => {
    const run = busyboxNslookup('web.default.svc.cluster.local', DEFAULT_NS, transport());
    expect(run.stdout).toBe(HEADER + 'Name:\tweb.default.svc.cluster.local\nAddress: 10.96.3.7\n\n\n');
    expect(run.exitCode).toBe(0);
  });

  it('says NXDOMAIN for a Service that does not exist', () => {
    const run = busyboxNslookup('x.default.svc.cluster.local', DEFAULT_NS, transport(), { type: 'A' });
    expect(run.stdout).toBe(HEADER + "** server can't find x.default.svc.cluster.local: NXDOMAIN\n\n");
    expect(run.exitCode).toBe(1);
  });

  it('prints PTR answers for an address', () => {
    expect(busyboxNslookup('10.96.3.7', DEFAULT_NS, transport()).stdout).toBe(
      HEADER + '7.3.96.10.in-addr.arpa\tname = web.default.svc.cluster.local\n\n',
    );
  });

  it('prints SRV and CNAME answers', () => {
    const srv = busyboxNslookup('_http._tcp.web.default.svc.cluster.local', DEFAULT_NS, transport(), { type: 'SRV' });
    expect(srv.stdout).toBe(
      HEADER + '_http._tcp.web.default.svc.cluster.local\tservice = 0 100 80 web.default.svc.cluster.local\n\n',
    );
    const cname = busyboxNslookup('ext.default.svc.cluster.local', DEFAULT_NS, transport(), { type: 'CNAME' });
    expect(cname.stdout).toBe(HEADER + 'ext.default.svc.cluster.local\tcanonical name = example.com\n\n');
  });

  it('says SERVFAIL for names outside the cluster when there is no upstream', () => {
    const run = busyboxNslookup('kubernetes.io', DEFAULT_NS, transport(), { type: 'A' });
    expect(run.stdout).toBe(HEADER + "** server can't find kubernetes.io: SERVFAIL\n\n");
  });

  it('asks the given server without the search list', () => {
    const run = busyboxNslookup('web', DEFAULT_NS, transport(), { server: '10.96.0.10', type: 'A' });
    expect(run.queries.map((q) => q.question.name)).toEqual(['web.']);
  });

  it('times out when no server answers', () => {
    const run = busyboxNslookup('web', { ...DEFAULT_NS, nameservers: ['10.96.0.99'] }, transport());
    expect(run).toMatchObject({ stdout: ';; connection timed out; no servers could be reached\n\n', exitCode: 1 });
  });
});
