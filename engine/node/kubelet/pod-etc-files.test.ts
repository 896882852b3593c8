import { describe, expect, it } from 'vitest';
import type { PodIdentity } from './pod-etc-files.ts';
import { podDnsWarnings, podEtcFiles } from './pod-etc-files.ts';
import type { PodSpec } from './pod-types.ts';

const dns = { clusterDNS: ['10.96.0.10'], clusterDomain: 'cluster.local' };

function files(spec: Partial<PodSpec>, name = 'web-0'): Record<string, string | undefined> {
  const pod: PodIdentity = {
    name,
    namespace: 'shop',
    spec: { containers: [], ...spec } as PodSpec,
    podIP: spec.hostNetwork ? '172.18.0.3' : '10.244.1.7',
    nodeName: 'node-1',
  };
  const bound = podEtcFiles(pod, dns);
  return Object.fromEntries([...bound.keys()].map((path) => [path, bound.get(path)]));
}

describe('the /etc files the kubelet writes for a pod', () => {
  it('gives a ClusterFirst pod the cluster DNS with its namespace first in the search list, and its own hosts line', () => {
    expect(files({})).toEqual({
      '/etc/hostname': 'web-0\n',
      '/etc/resolv.conf':
        'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
      '/etc/hosts':
        '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' +
        'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n' +
        '10.244.1.7\tweb-0\n',
    });
  });

  it('names a pod with a subdomain by its FQDN, and adds hostAliases', () => {
    const { '/etc/hosts': hosts } = files({
      hostname: 'db',
      subdomain: 'cluster',
      hostAliases: [{ ip: '10.0.0.1', hostnames: ['foo.local', 'bar.local'] }],
    });
    expect(hosts).toContain('10.244.1.7\tdb.cluster.shop.svc.cluster.local\tdb\n');
    expect(hosts).toMatch(/\n# Entries added by HostAliases\.\n10\.0\.0\.1\tfoo\.local\n10\.0\.0\.1\tbar\.local\n$/);
  });

  it("gives a host-network pod the node's name, hosts file and resolver unless ClusterFirstWithHostNet", () => {
    const host = files({ hostNetwork: true });
    expect(host['/etc/hostname']).toBe('node-1\n');
    expect(host['/etc/hosts']).toMatch(
      /^# Kubernetes-managed hosts file \(host network\)\.\n[^]*172\.18\.0\.3\tnode-1\n$/,
    );
    expect(host['/etc/resolv.conf']).toBe('nameserver 8.8.8.8\n');
    expect(files({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' })['/etc/resolv.conf']).toMatch(
      /^search shop\.svc\.cluster\.local .*\nnameserver 10\.96\.0\.10\n/,
    );
  });

  it('uses only dnsConfig with dnsPolicy None, and merges dnsConfig options by name otherwise', () => {
    expect(
      files({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['corp'] } })['/etc/resolv.conf'],
    ).toBe('search corp\nnameserver 1.1.1.1\n');
    expect(
      files({ dnsConfig: { options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } })['/etc/resolv.conf'],
    ).toMatch(/\noptions ndots:2 edns0\n$/);
  });

  it('says what it left out of resolv.conf, and when it has no cluster DNS for a ClusterFirst pod', () => {
    const pod: PodIdentity = {
      name: 'web-0',
      namespace: 'shop',
      spec: { containers: [], dnsConfig: { nameservers: ['1.1.1.1', '1.0.0.1', '9.9.9.9'] } } as PodSpec,
      podIP: '10.244.1.7',
      nodeName: 'node-1',
    };
    expect(podDnsWarnings(pod, dns)).toEqual([
      {
        reason: 'DNSConfigForming',
        message:
          'Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 10.96.0.10 1.1.1.1 1.0.0.1',
      },
    ]);
    expect(podDnsWarnings({ ...pod, spec: { containers: [] } as PodSpec }, { ...dns, clusterDNS: [] })).toMatchObject([
      { reason: 'MissingClusterDNS' },
    ]);
  });
});
