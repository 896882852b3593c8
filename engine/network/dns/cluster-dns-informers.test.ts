import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkloadTestCluster } from '../../controllers/common/workload-test-cluster.ts';
import type { ClusterDns } from './cluster-dns-informers.ts';
import { clusterDnsFromInformers } from './cluster-dns-informers.ts';
import { question } from './message.ts';

const SERVICES = { group: '', version: 'v1', resource: 'services' };

describe('cluster DNS fed by the shared informers', () => {
  let lab: WorkloadTestCluster;
  let dns: ClusterDns;

  beforeEach(async () => {
    lab = await WorkloadTestCluster.start();
    dns = clusterDnsFromInformers(lab.context.informers, lab.clock, { kubernetes: { ttl: 30 } });
  });
  afterEach(() => lab.close());

  it('answers SERVFAIL for unknown names until the informers have synced', () => {
    expect(dns.server.resolve(question('nope.default.svc.cluster.local', 'A')).rcode).toBe('SERVFAIL');
  });

  it('answers the kubernetes Service, then a Service created later, with the configured TTL', async () => {
    await lab.run([]);
    const kubernetes = dns.server.resolve(question('kubernetes.default.svc.cluster.local', 'A'));
    expect(kubernetes.answer).toMatchObject([{ type: 'A', address: '10.96.0.1', ttl: 30 }]);
    expect(dns.server.resolve(question('web.default.svc.cluster.local', 'A')).rcode).toBe('NXDOMAIN');
    await lab.client.create(SERVICES, 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    const web = await lab.eventually(() => {
      const reply = dns.server.resolve(question('web.default.svc.cluster.local', 'A'));
      return reply.rcode === 'NOERROR' ? reply : undefined;
    }, 'the new Service resolves');
    expect(web.answer[0]).toMatchObject({ type: 'A', name: 'web.default.svc.cluster.local.' });
  });
});
