import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { ClusterDnsIndex } from './cluster-dns-index.ts';
import { CoreDnsServer } from './coredns-server.ts';
import type { KubernetesPluginOptions } from './kubernetes-plugin.ts';
import type { DnsMessage, RRType, ResourceRecord } from './message.ts';
import { question } from './message.ts';
import { StubZones } from './upstream.ts';

const NOW_MS = 1_700_000_000_000;

function service(namespace: string, name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}

interface EndpointFixture {
  ip: string;
  ready?: boolean;
  hostname?: string;
  pod?: string;
}

function slice(
  namespace: string,
  serviceName: string,
  endpoints: EndpointFixture[],
  ports: { name?: string; protocol?: string; port?: number }[] = [{ name: 'http', protocol: 'TCP', port: 80 }],
  name = `${serviceName}-abcde`,
): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace, labels: { 'kubernetes.io/service-name': serviceName } },
    addressType: 'IPv4',
    ports,
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: e.ready === undefined ? {} : { ready: e.ready },
      ...(e.hostname ? { hostname: e.hostname } : {}),
      ...(e.pod ? { targetRef: { kind: 'Pod', name: e.pod, namespace } } : {}),
    })),
  };
}

function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** A small cluster: ClusterIP, headless (StatefulSet), ExternalName and port-less Services in two namespaces. */
function cluster(): ClusterDnsIndex {
  const index = new ClusterDnsIndex(() => NOW_MS);
  for (const ns of ['default', 'shop', 'kube-system']) index.setNamespace(namespace(ns));
  index.setService(service('default', 'kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443 }] }));
  index.setService(
    service('kube-system', 'kube-dns', {
      clusterIP: '10.96.0.10',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    }),
  );
  index.setEndpointSlice(
    slice(
      'kube-system',
      'kube-dns',
      [{ ip: '10.244.0.2' }, { ip: '10.244.0.3' }],
      [{ name: 'dns', protocol: 'UDP', port: 53 }],
    ),
  );
  index.setService(
    service('shop', 'web', {
      clusterIP: '10.96.3.7',
      ports: [
        { name: 'http', port: 80, protocol: 'TCP' },
        { name: 'metrics', port: 9090, protocol: 'TCP' },
      ],
    }),
  );
  index.setEndpointSlice(
    slice('shop', 'web', [
      { ip: '10.244.1.5', ready: true, pod: 'web-7d4b9-abcde' },
      { ip: '10.244.2.6', ready: false, pod: 'web-7d4b9-fghij' },
    ]),
  );
  index.setService(service('shop', 'db', { clusterIP: 'None', ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] }));
  index.setEndpointSlice(
    slice(
      'shop',
      'db',
      [
        { ip: '10.244.1.10', hostname: 'db-0', pod: 'db-0' },
        { ip: '10.244.2.11', hostname: 'db-1', pod: 'db-1' },
        { ip: '10.244.3.12', hostname: 'db-2', pod: 'db-2', ready: false },
      ],
      [{ name: 'pg', protocol: 'TCP', port: 5432 }],
    ),
  );
  index.setService(service('shop', 'queue', { clusterIP: 'None', ports: [{ name: 'amqp', port: 5672 }] }));
  index.setService(service('shop', 'empty', { clusterIP: '10.96.5.5', ports: [{ name: 'http', port: 80 }] }));
  index.setService(service('shop', 'plain', { clusterIP: '10.96.6.6' }));
  index.setService(service('shop', 'search', { type: 'ExternalName', externalName: 'search.example.com' }));
  index.setService(service('shop', 'alias', { type: 'ExternalName', externalName: 'web.shop.svc.cluster.local' }));
  index.setService(service('shop', 'by-ip', { type: 'ExternalName', externalName: '1.2.3.4' }));
  // publishNotReadyAddresses: the EndpointSlice controller marks every endpoint ready, and DNS serves them.
  index.setService(
    service('shop', 'peers', {
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      ports: [{ name: 'gossip', port: 7946 }],
    }),
  );
  index.setEndpointSlice(slice('shop', 'peers', [{ ip: '10.244.4.20', ready: true, hostname: 'peer-0' }]));
  return index;
}

function server(options: Partial<KubernetesPluginOptions> = {}): CoreDnsServer {
  return new CoreDnsServer(cluster(), {
    kubernetes: { ttl: 5, localIPs: () => ['10.244.0.2'], ...options },
    upstream: new StubZones(['example.com'], [{ name: 'search.example.com', value: '93.184.215.14' }]),
  });
}

function ask(name: string, type: RRType, options: Partial<KubernetesPluginOptions> = {}): DnsMessage {
  return server(options).resolve(question(name, type));
}

/** Records as dig prints their data: `A 10.96.3.7`, `SRV 0 100 80 web.shop.svc.cluster.local.` */
function data(records: ResourceRecord[]): string[] {
  return records.map((r) => {
    switch (r.type) {
      case 'A':
      case 'AAAA':
        return `${r.name} A ${r.address}`;
      case 'CNAME':
      case 'NS':
      case 'PTR':
        return `${r.name} ${r.type} ${r.target}`;
      case 'SRV':
        return `${r.name} SRV ${r.priority} ${r.weight} ${r.port} ${r.target}`;
      case 'TXT':
        return `${r.name} TXT ${r.text.join(' ')}`;
      case 'SOA':
        return `${r.name} SOA ${r.mname} ${r.rname}`;
    }
  });
}

describe('CoreDNS kubernetes plugin: names that exist', () => {
  it.each<[string, string, RRType, string[]]>([
    [
      'a ClusterIP Service answers its cluster IP',
      'web.shop.svc.cluster.local',
      'A',
      ['web.shop.svc.cluster.local. A 10.96.3.7'],
    ],
    ['names are case-insensitive', 'WEB.Shop.svc.cluster.local.', 'A', ['web.shop.svc.cluster.local. A 10.96.3.7']],
    [
      'a Service without ports still has its A record',
      'plain.shop.svc.cluster.local',
      'A',
      ['plain.shop.svc.cluster.local. A 10.96.6.6'],
    ],
    [
      'a Service with no ready endpoints still answers its cluster IP',
      'empty.shop.svc.cluster.local',
      'A',
      ['empty.shop.svc.cluster.local. A 10.96.5.5'],
    ],
    [
      'a headless Service answers one A per ready endpoint, leaving out the not-ready one',
      'db.shop.svc.cluster.local',
      'A',
      ['db.shop.svc.cluster.local. A 10.244.1.10', 'db.shop.svc.cluster.local. A 10.244.2.11'],
    ],
    [
      'a StatefulSet pod is found by its hostname under the headless Service',
      'db-1.db.shop.svc.cluster.local',
      'A',
      ['db-1.db.shop.svc.cluster.local. A 10.244.2.11'],
    ],
    [
      'an endpoint without a hostname is found by its dashed address, even under a ClusterIP Service',
      '10-244-1-5.web.shop.svc.cluster.local',
      'A',
      ['10-244-1-5.web.shop.svc.cluster.local. A 10.244.1.5'],
    ],
    [
      'publishNotReadyAddresses endpoints (marked ready by the EndpointSlice controller) are served',
      'peer-0.peers.shop.svc.cluster.local',
      'A',
      ['peer-0.peers.shop.svc.cluster.local. A 10.244.4.20'],
    ],
    [
      'a pod record answers the address in its name (pods insecure)',
      '10-244-9-9.shop.pod.cluster.local',
      'A',
      ['10-244-9-9.shop.pod.cluster.local. A 10.244.9.9'],
    ],
    [
      'an ExternalName Service is a CNAME, followed by what upstream answers',
      'search.shop.svc.cluster.local',
      'A',
      ['search.shop.svc.cluster.local. CNAME search.example.com.', 'search.example.com. A 93.184.215.14'],
    ],
    [
      'an ExternalName Service pointing into the cluster is followed inside the zone',
      'alias.shop.svc.cluster.local',
      'A',
      ['alias.shop.svc.cluster.local. CNAME web.shop.svc.cluster.local.', 'web.shop.svc.cluster.local. A 10.96.3.7'],
    ],
    [
      'a CNAME query for an ExternalName Service answers the CNAME alone',
      'search.shop.svc.cluster.local',
      'CNAME',
      ['search.shop.svc.cluster.local. CNAME search.example.com.'],
    ],
    [
      'SRV for a named port of a ClusterIP Service points at the Service name',
      '_http._tcp.web.shop.svc.cluster.local',
      'SRV',
      ['_http._tcp.web.shop.svc.cluster.local. SRV 0 100 80 web.shop.svc.cluster.local.'],
    ],
    [
      'SRV without port and protocol lists every port, weights shared',
      'web.shop.svc.cluster.local',
      'SRV',
      [
        'web.shop.svc.cluster.local. SRV 0 50 80 web.shop.svc.cluster.local.',
        'web.shop.svc.cluster.local. SRV 0 50 9090 web.shop.svc.cluster.local.',
      ],
    ],
    [
      'SRV for a headless Service points at each endpoint by hostname',
      '_pg._tcp.db.shop.svc.cluster.local',
      'SRV',
      [
        '_pg._tcp.db.shop.svc.cluster.local. SRV 0 50 5432 db-0.db.shop.svc.cluster.local.',
        '_pg._tcp.db.shop.svc.cluster.local. SRV 0 50 5432 db-1.db.shop.svc.cluster.local.',
      ],
    ],
    [
      'PTR of a cluster IP names the Service',
      '7.3.96.10.in-addr.arpa',
      'PTR',
      ['7.3.96.10.in-addr.arpa. PTR web.shop.svc.cluster.local.'],
    ],
    [
      'PTR of an endpoint address names the endpoint under its Service',
      '10.1.244.10.in-addr.arpa',
      'PTR',
      ['10.1.244.10.in-addr.arpa. PTR db-0.db.shop.svc.cluster.local.'],
    ],
    [
      'PTR of an endpoint without hostname uses its dashed address',
      '5.1.244.10.in-addr.arpa',
      'PTR',
      ['5.1.244.10.in-addr.arpa. PTR 10-244-1-5.web.shop.svc.cluster.local.'],
    ],
    ['the dns-version TXT record', 'dns-version.cluster.local', 'TXT', ['dns-version.cluster.local. TXT 1.1.0']],
    [
      'NS at the apex names the kube-dns Service selecting the CoreDNS pods',
      'cluster.local',
      'NS',
      ['cluster.local. NS kube-dns.kube-system.svc.cluster.local.'],
    ],
    ['SOA at the apex', 'cluster.local', 'SOA', ['cluster.local. SOA ns.dns.cluster.local. hostmaster.cluster.local.']],
  ])('%s', (_sentence, name, type, expected) => {
    const reply = ask(name, type);
    expect(reply.rcode).toBe('NOERROR');
    expect(reply.flags.aa).toBe(true);
    expect(data(reply.answer)).toEqual(expected);
  });

  it('answers with the configured TTL', () => {
    expect(ask('web.shop.svc.cluster.local', 'A', { ttl: 30 }).answer[0]?.ttl).toBe(30);
    expect(ask('web.shop.svc.cluster.local', 'A').answer[0]?.ttl).toBe(5);
  });

  it('puts the SRV targets addresses in the additional section', () => {
    const reply = ask('_pg._tcp.db.shop.svc.cluster.local', 'SRV');
    expect(data(reply.additional)).toEqual([
      'db-0.db.shop.svc.cluster.local. A 10.244.1.10',
      'db-1.db.shop.svc.cluster.local. A 10.244.2.11',
    ]);
  });

  it('puts the name server address in the additional section of NS', () => {
    expect(data(ask('cluster.local', 'NS').additional)).toEqual([
      'kube-dns.kube-system.svc.cluster.local. A 10.96.0.10',
    ]);
  });

  it('copies the query id and rd flag, and does not offer recursion (as CoreDNS answers its zone)', () => {
    const reply = server().serve({
      id: 4711,
      qr: false,
      flags: { aa: false, tc: false, rd: true, ra: false },
      rcode: 'NOERROR',
      question: [question('web.shop.svc.cluster.local', 'A')],
      answer: [],
      authority: [],
      additional: [],
    });
    expect(reply).toMatchObject({ id: 4711, qr: true, flags: { aa: true, rd: true, ra: false } });
    expect(reply.question).toEqual([question('web.shop.svc.cluster.local', 'A')]);
  });

  it('names endpoints after their pods with endpoint_pod_names', () => {
    const reply = ask('web-7d4b9-abcde.web.shop.svc.cluster.local', 'A', { endpointPodNames: true });
    expect(data(reply.answer)).toEqual(['web-7d4b9-abcde.web.shop.svc.cluster.local. A 10.244.1.5']);
  });
});

describe('CoreDNS kubernetes plugin: names that do not exist, and names without records', () => {
  it.each<[string, string, RRType, 'NXDOMAIN' | 'NOERROR']>([
    ['a Service that does not exist is NXDOMAIN', 'nope.shop.svc.cluster.local', 'A', 'NXDOMAIN'],
    ['a namespace that does not exist is NXDOMAIN', 'web.nowhere.svc.cluster.local', 'A', 'NXDOMAIN'],
    ['a search-path miss (web in svc.cluster.local) is NXDOMAIN', 'web.svc.cluster.local', 'A', 'NXDOMAIN'],
    ['a name outside svc and pod is NXDOMAIN', 'web.shop.cluster.local', 'A', 'NXDOMAIN'],
    ['a name with too many labels is NXDOMAIN', 'a.b.c.web.shop.svc.cluster.local', 'A', 'NXDOMAIN'],
    ['a headless Service without ready endpoints is NXDOMAIN', 'queue.shop.svc.cluster.local', 'A', 'NXDOMAIN'],
    ['a not-ready endpoint has no name', 'db-2.db.shop.svc.cluster.local', 'A', 'NXDOMAIN'],
    ['an SRV port the Service lacks is NXDOMAIN', '_grpc._tcp.web.shop.svc.cluster.local', 'SRV', 'NXDOMAIN'],
    ['an SRV protocol the port lacks is NXDOMAIN', '_http._udp.web.shop.svc.cluster.local', 'SRV', 'NXDOMAIN'],
    ['an ExternalName whose name is an address is NXDOMAIN', 'by-ip.shop.svc.cluster.local', 'A', 'NXDOMAIN'],
    ['a pod record that is no address is NXDOMAIN', 'web.shop.pod.cluster.local', 'A', 'NXDOMAIN'],
    [
      'TXT for an existing namespace name is NXDOMAIN, as upstream answers it',
      'shop.svc.cluster.local',
      'TXT',
      'NXDOMAIN',
    ],
    ['AAAA of an IPv4 Service is NODATA', 'web.shop.svc.cluster.local', 'AAAA', 'NOERROR'],
    ['TXT of a Service is NODATA', 'web.shop.svc.cluster.local', 'TXT', 'NOERROR'],
    ['SRV of a Service without ports is NODATA', 'plain.shop.svc.cluster.local', 'SRV', 'NOERROR'],
    ['SRV of an ExternalName Service is NODATA', 'search.shop.svc.cluster.local', 'SRV', 'NOERROR'],
    ['CNAME of a ClusterIP Service is NODATA', 'web.shop.svc.cluster.local', 'CNAME', 'NOERROR'],
    ['a namespace name exists without records', 'shop.svc.cluster.local', 'A', 'NOERROR'],
    ['svc.cluster.local exists without records', 'svc.cluster.local', 'A', 'NOERROR'],
    ['the apex has no A record', 'cluster.local', 'A', 'NOERROR'],
    ['ANY is answered only with NODATA', 'web.shop.svc.cluster.local', 'ANY', 'NOERROR'],
    ['ANY of a missing name is NXDOMAIN', 'nope.shop.svc.cluster.local', 'ANY', 'NXDOMAIN'],
  ])('%s', (_sentence, name, type, rcode) => {
    const reply = ask(name, type);
    expect(reply.rcode).toBe(rcode);
    expect(reply.answer).toEqual([]);
    expect(reply.flags.aa).toBe(true);
    expect(reply.authority).toEqual([
      {
        name: 'cluster.local.',
        class: 'IN',
        ttl: 5,
        type: 'SOA',
        mname: 'ns.dns.cluster.local.',
        rname: 'hostmaster.cluster.local.',
        serial: NOW_MS / 1000,
        refresh: 7200,
        retry: 1800,
        expire: 86400,
        minimum: 5,
      },
    ]);
  });

  it('answers NXDOMAIN for pod records with pods disabled', () => {
    expect(ask('10-244-9-9.shop.pod.cluster.local', 'A', { pods: 'disabled' }).rcode).toBe('NXDOMAIN');
  });

  it('answers pod records only for existing pods with pods verified', () => {
    const index = cluster();
    index.setPod({ metadata: { name: 'p', namespace: 'shop' }, status: { podIP: '10.244.9.9' } });
    const dns = new CoreDnsServer(index, { kubernetes: { pods: 'verified' } });
    expect(dns.resolve(question('10-244-9-9.shop.pod.cluster.local', 'A')).rcode).toBe('NOERROR');
    expect(dns.resolve(question('10-244-9-9.default.pod.cluster.local', 'A')).rcode).toBe('NXDOMAIN');
    expect(dns.resolve(question('10-244-9-8.shop.pod.cluster.local', 'A')).rcode).toBe('NXDOMAIN');
    index.removePod({ metadata: { name: 'p', namespace: 'shop' } });
    expect(dns.resolve(question('10-244-9-9.shop.pod.cluster.local', 'A')).rcode).toBe('NXDOMAIN');
  });

  it('answers NXDOMAIN for a ClusterIP Service without endpoints with ignore empty_service', () => {
    expect(ask('empty.shop.svc.cluster.local', 'A', { ignoreEmptyService: true }).rcode).toBe('NXDOMAIN');
    expect(ask('web.shop.svc.cluster.local', 'A', { ignoreEmptyService: true }).rcode).toBe('NOERROR');
  });

  it('hides namespaces not listed in namespaces', () => {
    expect(ask('web.shop.svc.cluster.local', 'A', { namespaces: ['default'] }).rcode).toBe('NXDOMAIN');
    expect(ask('kubernetes.default.svc.cluster.local', 'A', { namespaces: ['default'] }).rcode).toBe('NOERROR');
  });

  it('answers SERVFAIL instead of NXDOMAIN until its caches have synced', () => {
    expect(ask('nope.shop.svc.cluster.local', 'A', { hasSynced: () => false }).rcode).toBe('SERVFAIL');
    expect(ask('web.shop.svc.cluster.local', 'A', { hasSynced: () => false }).rcode).toBe('NOERROR');
  });
});

describe('CoreDNS forward: names outside the cluster', () => {
  it('relays the stub zone answer, not authoritative, recursion available', () => {
    const reply = ask('search.example.com', 'A');
    expect(reply.rcode).toBe('NOERROR');
    expect(reply.flags).toMatchObject({ aa: false, ra: true });
    expect(data(reply.answer)).toEqual(['search.example.com. A 93.184.215.14']);
  });

  it('relays NXDOMAIN for unknown names inside a stub zone', () => {
    expect(ask('nope.example.com', 'A').rcode).toBe('NXDOMAIN');
  });

  it('answers SERVFAIL for names no upstream can be asked about (the lab has no internet)', () => {
    const reply = ask('kubernetes.io', 'A');
    expect(reply.rcode).toBe('SERVFAIL');
    expect(reply.flags).toMatchObject({ aa: false, ra: false });
  });

  it('answers SERVFAIL with no upstream at all, also for ExternalName targets (leaving only the CNAME)', () => {
    const dns = new CoreDnsServer(cluster());
    expect(dns.resolve(question('search.example.com', 'A')).rcode).toBe('SERVFAIL');
    const reply = dns.resolve(question('search.shop.svc.cluster.local', 'A'));
    expect(reply.rcode).toBe('NOERROR');
    expect(data(reply.answer)).toEqual(['search.shop.svc.cluster.local. CNAME search.example.com.']);
  });

  it('passes PTR of an address the cluster does not know to forward (fallthrough in-addr.arpa)', () => {
    expect(ask('8.8.8.8.in-addr.arpa', 'PTR').rcode).toBe('SERVFAIL');
    const reply = ask('8.8.8.8.in-addr.arpa', 'PTR', { fallthrough: undefined });
    expect(reply.rcode).toBe('NXDOMAIN');
    expect(reply.authority[0]?.name).toBe('in-addr.arpa.');
  });
});

describe('cluster DNS index', () => {
  it('follows updates and deletions of Services and EndpointSlices', () => {
    const index = cluster();
    const dns = new CoreDnsServer(index);
    index.setService(service('shop', 'web', { clusterIP: '10.96.3.8', ports: [{ name: 'http', port: 80 }] }));
    expect(data(dns.resolve(question('web.shop.svc.cluster.local', 'A')).answer)).toEqual([
      'web.shop.svc.cluster.local. A 10.96.3.8',
    ]);
    expect(dns.resolve(question('7.3.96.10.in-addr.arpa', 'PTR')).rcode).toBe('SERVFAIL');
    index.setEndpointSlice(
      slice('shop', 'db', [{ ip: '10.244.1.10', hostname: 'db-0' }], [{ name: 'pg', port: 5432 }]),
    );
    expect(data(dns.resolve(question('db.shop.svc.cluster.local', 'A')).answer)).toEqual([
      'db.shop.svc.cluster.local. A 10.244.1.10',
    ]);
    index.removeEndpointSlice(slice('shop', 'db', []));
    expect(dns.resolve(question('db.shop.svc.cluster.local', 'A')).rcode).toBe('NXDOMAIN');
    index.removeService(service('shop', 'web', {}));
    expect(dns.resolve(question('web.shop.svc.cluster.local', 'A')).rcode).toBe('NXDOMAIN');
  });

  it('merges the endpoints of all slices of a Service', () => {
    const index = cluster();
    index.setEndpointSlice(
      slice('shop', 'db', [{ ip: '10.244.5.1', hostname: 'db-3' }], [{ name: 'pg', port: 5432 }], 'db-xyz'),
    );
    const dns = new CoreDnsServer(index);
    expect(dns.resolve(question('db.shop.svc.cluster.local', 'A')).answer).toHaveLength(3);
  });

  it('takes the SOA serial from the last change, in seconds of the lab clock', () => {
    let now = 5_000;
    const index = new ClusterDnsIndex(() => now);
    index.setService(service('shop', 'web', { clusterIP: '10.96.3.7' }));
    now = 9_999;
    expect(index.serial).toBe(5);
    index.setEndpointSlice(slice('shop', 'web', []));
    expect(index.serial).toBe(9);
  });
});
