import { describe, expect, it } from 'vitest';
import { hostNetworkHostsFile, parseHostsFile, podHostnameAndDomain, podHostsFile } from './hosts-file.ts';

const LOCALHOST =
  '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n' +
  'fe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';

describe('the pod hostname and domain', () => {
  it.each([
    ['a pod is named after itself', { name: 'web-7d4b9', namespace: 'shop' }, 'web-7d4b9', ''],
    ['spec.hostname wins over the name', { name: 'web-7d4b9', namespace: 'shop', hostname: 'web' }, 'web', ''],
    [
      'a subdomain gives the pod a domain under its namespace',
      { name: 'db-0', namespace: 'shop', hostname: 'db-0', subdomain: 'db' },
      'db-0',
      'db.shop.svc.cluster.local',
    ],
    [
      'a long name is cut to 63 characters without a trailing dash',
      { name: `${'a'.repeat(62)}-bcd`, namespace: 'shop' },
      'a'.repeat(62),
      '',
    ],
  ])('%s', (_sentence, pod, hostname, domain) => {
    expect(podHostnameAndDomain(pod, 'cluster.local')).toEqual({ hostname, domain });
  });
});

describe('/etc/hosts', () => {
  it('lists localhost and the pod address with its hostname', () => {
    expect(podHostsFile({ podIPs: ['10.244.1.5'], hostname: 'web-7d4b9', domain: '' })).toBe(
      `# Kubernetes-managed hosts file.\n${LOCALHOST}10.244.1.5\tweb-7d4b9\n`,
    );
  });

  it('gives a pod with a subdomain its fully qualified name first', () => {
    expect(podHostsFile({ podIPs: ['10.244.1.10'], hostname: 'db-0', domain: 'db.shop.svc.cluster.local' })).toContain(
      '10.244.1.10\tdb-0.db.shop.svc.cluster.local\tdb-0\n',
    );
  });

  it('appends one line per hostAlias hostname', () => {
    const text = podHostsFile({
      podIPs: ['10.244.1.5'],
      hostname: 'web',
      domain: '',
      hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] }],
    });
    expect(
      text.endsWith('10.244.1.5\tweb\n\n# Entries added by HostAliases.\n127.0.0.1\tfoo.local\n127.0.0.1\tbar.local\n'),
    ).toBe(true);
  });

  it('gives a host-network pod the node hosts file with its aliases', () => {
    expect(
      hostNetworkHostsFile('127.0.0.1\tlocalhost\n172.18.0.3\tworker\n', [{ ip: '10.0.0.9', hostnames: ['api'] }]),
    ).toBe(
      '# Kubernetes-managed hosts file (host network).\n127.0.0.1\tlocalhost\n172.18.0.3\tworker\n' +
        '\n# Entries added by HostAliases.\n10.0.0.9\tapi\n',
    );
  });

  it('is read back into a name table, case-insensitively, comments ignored', () => {
    const table = parseHostsFile(
      podHostsFile({ podIPs: ['10.244.1.10'], hostname: 'db-0', domain: 'db.shop.svc.cluster.local' }),
    );
    expect(table.get('db-0')).toEqual(['10.244.1.10']);
    expect(table.get('db-0.db.shop.svc.cluster.local')).toEqual(['10.244.1.10']);
    expect(table.get('localhost')).toEqual(['127.0.0.1', '::1']);
    expect(table.has('#')).toBe(false);
  });
});
