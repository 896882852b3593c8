import { describe, expect, it } from 'vitest';
import type { KubeletDnsSettings, PodDnsSpec, ResolvConf } from './resolv-conf.ts';
import { formatResolvConf, parseResolvConf, podDns, resolverOptions } from './resolv-conf.ts';

const NODE: ResolvConf = { nameservers: ['172.18.0.1'], searches: ['lab.example'], options: ['ndots:0', 'edns0'] };
const KUBELET: KubeletDnsSettings = {
  clusterDNS: ['10.96.0.10'],
  clusterDomain: 'cluster.local',
  hostResolvConf: NODE,
};

const CLUSTER_FIRST_SHOP =
  'search shop.svc.cluster.local svc.cluster.local cluster.local lab.example\n' +
  'nameserver 10.96.0.10\n' +
  'options ndots:5\n';
const NODE_FILE = 'search lab.example\nnameserver 172.18.0.1\noptions ndots:0 edns0\n';

describe('resolv.conf by dnsPolicy', () => {
  it.each<[string, PodDnsSpec, string]>([
    ['ClusterFirst uses the cluster DNS and the namespace search path', { namespace: 'shop' }, CLUSTER_FIRST_SHOP],
    ['an empty dnsPolicy is ClusterFirst', { namespace: 'shop', dnsPolicy: '' }, CLUSTER_FIRST_SHOP],
    ['Default passes the node resolv.conf on', { namespace: 'shop', dnsPolicy: 'Default' }, NODE_FILE],
    [
      'ClusterFirst on the host network falls back to Default',
      { namespace: 'shop', dnsPolicy: 'ClusterFirst', hostNetwork: true },
      NODE_FILE,
    ],
    [
      'ClusterFirstWithHostNet uses the cluster DNS on the host network',
      { namespace: 'shop', dnsPolicy: 'ClusterFirstWithHostNet', hostNetwork: true },
      CLUSTER_FIRST_SHOP,
    ],
    [
      'None with dnsConfig writes only dnsConfig',
      {
        namespace: 'shop',
        dnsPolicy: 'None',
        dnsConfig: {
          nameservers: ['1.2.3.4'],
          searches: ['ns1.svc.cluster-domain.example'],
          options: [{ name: 'ndots', value: '2' }],
        },
      },
      'search ns1.svc.cluster-domain.example\nnameserver 1.2.3.4\noptions ndots:2\n',
    ],
    ['None without dnsConfig writes an empty file', { namespace: 'shop', dnsPolicy: 'None' }, ''],
    [
      'dnsConfig adds to ClusterFirst, without duplicates, its options replacing same-named ones',
      {
        namespace: 'shop',
        dnsConfig: {
          nameservers: ['10.96.0.10', '1.1.1.1'],
          searches: ['svc.cluster.local', 'corp.example'],
          options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
        },
      },
      'search shop.svc.cluster.local svc.cluster.local cluster.local lab.example corp.example\n' +
        'nameserver 10.96.0.10\nnameserver 1.1.1.1\n' +
        'options ndots:2 edns0\n',
    ],
  ])('%s', (_sentence, pod, expected) => {
    const { config, warnings } = podDns(pod, KUBELET);
    expect(formatResolvConf(config)).toBe(expected);
    expect(warnings).toEqual([]);
  });

  it('falls back to Default with a MissingClusterDNS warning when the kubelet has no cluster DNS', () => {
    const { config, warnings } = podDns({ namespace: 'shop' }, { ...KUBELET, clusterDNS: [] });
    expect(formatResolvConf(config)).toBe(NODE_FILE);
    expect(warnings.map((w) => w.reason)).toEqual(['MissingClusterDNS']);
  });

  it('keeps at most three nameservers and says so', () => {
    const pod = { namespace: 'shop', dnsConfig: { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9'] } };
    const { config, warnings } = podDns(pod, KUBELET);
    expect(config.nameservers).toEqual(['10.96.0.10', '1.1.1.1', '8.8.8.8']);
    expect(warnings).toEqual([
      {
        reason: 'DNSConfigForming',
        message:
          'Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 10.96.0.10 1.1.1.1 8.8.8.8',
      },
    ]);
  });

  it('keeps at most 32 search domains and drops those over 253 characters', () => {
    const many = Array.from({ length: 40 }, (_, i) => `d${i}.example`);
    const long = `${'a'.repeat(250)}.example`;
    const { config, warnings } = podDns(
      { namespace: 'shop', dnsPolicy: 'None', dnsConfig: { searches: [long, ...many] } },
      KUBELET,
    );
    expect(config.searches).toEqual(many.slice(0, 31));
    expect(warnings[0]?.reason).toBe('DNSConfigForming');
  });
});

describe('reading resolv.conf', () => {
  it('accumulates nameservers and keeps the last search and options lines', () => {
    const text =
      '# comment\nnameserver 10.0.0.1\nsearch a.example.\nsearch b.example c.example\nnameserver 10.0.0.2\noptions ndots:3 timeout:2\n';
    expect(parseResolvConf(text)).toEqual({
      nameservers: ['10.0.0.1', '10.0.0.2'],
      searches: ['b.example', 'c.example'],
      options: ['ndots:3', 'timeout:2'],
    });
  });

  it('reads back what it writes', () => {
    expect(formatResolvConf(parseResolvConf(CLUSTER_FIRST_SHOP))).toBe(CLUSTER_FIRST_SHOP);
  });

  it.each<[string, string[], number]>([
    ['ndots is 1 unless set', [], 1],
    ['ndots is read from options', ['edns0', 'ndots:5'], 5],
    ['ndots is clamped to 15', ['ndots:30'], 15],
  ])('%s', (_sentence, options, ndots) => {
    expect(resolverOptions({ nameservers: [], searches: [], options }).ndots).toBe(ndots);
  });
});
