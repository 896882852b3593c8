import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NODES, PODS, WorkloadTestCluster } from '../common/workload-test-cluster.ts';
import { endpointSliceControllers } from './index.ts';
import type { EndpointSlice } from './types.ts';

const SERVICES = { group: '', version: 'v1', resource: 'services' };
const SLICES = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };

describe('the EndpointSlice controller', () => {
  let lab: WorkloadTestCluster;

  const runningPod = async (name: string, ip: string, nodeName = 'node-a') => {
    await lab.client.create(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app: 'web' } },
      spec: { nodeName, containers: [{ name: 'web', image: 'nginx' }] },
    });
    await lab.client.patch(
      PODS,
      'default',
      name,
      'merge',
      { status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: 'True' }] } },
      { subresource: 'status' },
    );
  };
  const slices = async () =>
    ((await lab.list(SLICES)) as EndpointSlice[]).filter(
      (s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web',
    );
  const sizes = async () => (await slices()).map((s) => s.endpoints?.length ?? 0).sort((a, b) => b - a);

  beforeEach(async () => {
    lab = await WorkloadTestCluster.start();
    await lab.client.create(NODES, '', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a' } });
    await lab.run(endpointSliceControllers(lab.context));
    await lab.client.create(SERVICES, 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
  });

  afterEach(async () => {
    await lab.close();
  });

  it('keeps an empty placeholder slice for a Service without endpoints', async () => {
    const [placeholder] = await lab.eventually(async () => {
      const found = await slices();
      return found.length === 1 ? found : undefined;
    }, 'the placeholder exists');
    expect(placeholder!.endpoints ?? []).toEqual([]);
    expect(placeholder!.addressType).toBe('IPv4');
  });

  it('spreads more than 100 endpoints over several slices, and reuses the placeholder', async () => {
    const [placeholder] = await lab.eventually(async () => {
      const found = await slices();
      return found.length === 1 ? found : undefined;
    }, 'the placeholder exists');
    for (let i = 0; i < 130; i++) await runningPod(`web-${i}`, `10.244.${Math.floor(i / 200)}.${(i % 200) + 2}`);
    await lab.eventually(async () => {
      const counts = await sizes();
      return counts.length === 2 && counts[0] === 100 && counts[1] === 30 ? counts : undefined;
    }, 'two slices of 100 and 30 endpoints');
    expect((await slices()).map((s) => s.metadata.name)).toContain(placeholder!.metadata.name);
  });

  it('leaves out the pods of a node it does not know, and records why', async () => {
    await runningPod('web-1', '10.244.0.2');
    await runningPod('ghost', '10.244.9.2', 'node-gone');
    await lab.eventually(async () => ((await sizes())[0] === 1 ? true : undefined), 'web-1 is listed');
    await lab.advance(3000);
    expect((await slices())[0]?.endpoints?.map((e) => e.targetRef?.name)).toEqual(['web-1']);
    const events = await lab.eventsFor('web');
    expect(events).toContainEqual({
      reason: 'FailedToUpdateEndpointSlices',
      message:
        'Error updating Endpoint Slices for Service default/web: skipping Pod ghost for Service default/web: Node node-gone Not Found',
    });
  });
});
