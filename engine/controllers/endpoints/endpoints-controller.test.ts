import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rfc3339 } from '../../api/json.ts';
import type { KubeObject } from '../../api/object.ts';
import { NODES, PODS, WorkloadTestCluster } from '../common/workload-test-cluster.ts';
import { endpointSliceControllers } from '../endpointslice/index.ts';
import type { EndpointSlice } from '../endpointslice/types.ts';
import { endpointsControllers } from './index.ts';
import type { Endpoints } from './types.ts';

const SERVICES = { group: '', version: 'v1', resource: 'services' };
const ENDPOINTS = { group: '', version: 'v1', resource: 'endpoints' };
const SLICES = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };

describe('the Endpoints and EndpointSlice controllers', () => {
  let lab: WorkloadTestCluster;

  const node = (name: string, zone: string) =>
    lab.client.create(NODES, '', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'topology.kubernetes.io/zone': zone } },
    });
  const pod = (name: string, nodeName: string, labels: Record<string, string> = { app: 'web' }) =>
    lab.client.create(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels },
      spec: {
        nodeName,
        containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }],
      },
    });
  /** What the kubelet reports: the pod runs with an IP, ready or not. */
  const report = (name: string, ip: string, ready: boolean) =>
    lab.client.patch(
      PODS,
      'default',
      name,
      'merge',
      {
        status: {
          phase: 'Running',
          podIP: ip,
          podIPs: [{ ip }],
          conditions: [
            { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: rfc3339(lab.clock.now()) },
          ],
        },
      },
      { subresource: 'status' },
    );
  const service = (name: string, spec: Record<string, unknown>, labels?: Record<string, string>) =>
    lab.client.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name, labels }, spec });
  const endpoints = (name: string) => lab.getOrUndefined(ENDPOINTS, 'default', name) as Promise<Endpoints | undefined>;
  const slicesOf = async (name: string) =>
    (await lab.list(SLICES)).filter(
      (s) => s.metadata.labels?.['kubernetes.io/service-name'] === name,
    ) as EndpointSlice[];
  const ips = (addresses: { ip: string }[] | undefined) => (addresses ?? []).map((a) => a.ip);

  beforeEach(async () => {
    lab = await WorkloadTestCluster.start();
    await lab.run([...endpointsControllers(lab.context), ...endpointSliceControllers(lab.context)]);
    await node('node-a', 'zone-a');
    await node('node-b', 'zone-b');
  });

  afterEach(async () => {
    await lab.close();
  });

  it('list the ready pods of a Service by IP, node and pod, on the port its targetPort names', async () => {
    await service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    const web1 = await pod('web-1', 'node-a');
    await pod('web-2', 'node-b');
    await report('web-1', '10.244.1.5', true);
    await report('web-2', '10.244.2.7', true);

    const ep = await lab.eventually(async () => {
      const current = await endpoints('web');
      return ips(current?.subsets?.[0]?.addresses).length === 2 ? current : undefined;
    }, 'both pods are listed');
    expect(ep.subsets).toEqual([
      {
        addresses: [
          {
            ip: '10.244.1.5',
            nodeName: 'node-a',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: web1.metadata.uid },
          },
          expect.objectContaining({ ip: '10.244.2.7', nodeName: 'node-b' }),
        ],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
    expect(ep.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBeDefined();

    const [slice] = await lab.eventually(async () => {
      const slices = await slicesOf('web');
      return slices.length === 1 && slices[0]!.endpoints?.length === 2 ? slices : undefined;
    }, 'one slice lists both pods');
    expect(slice!.metadata.generateName).toBe('web-');
    expect(slice!.metadata.labels).toEqual({
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slice!.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Service', name: 'web', controller: true, blockOwnerDeletion: true }),
    ]);
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slice!.endpoints).toContainEqual({
      addresses: ['10.244.1.5'],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: 'node-a',
      zone: 'zone-a',
      targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: web1.metadata.uid },
    });
  });

  it('move a pod that stops being ready to notReadyAddresses and drop a terminating one', async () => {
    await service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] });
    await pod('web-1', 'node-a');
    await pod('web-2', 'node-b');
    await report('web-1', '10.244.1.5', true);
    await report('web-2', '10.244.2.7', true);
    await lab.eventually(
      async () => ips((await endpoints('web'))?.subsets?.[0]?.addresses).length === 2 || undefined,
      'both ready',
    );

    await report('web-2', '10.244.2.7', false);
    const ep = await lab.eventually(async () => {
      const current = await endpoints('web');
      return current?.subsets?.[0]?.notReadyAddresses ? current : undefined;
    }, 'web-2 is not ready');
    expect(ips(ep.subsets?.[0]?.addresses)).toEqual(['10.244.1.5']);
    expect(ips(ep.subsets?.[0]?.notReadyAddresses)).toEqual(['10.244.2.7']);
    const notReady = await lab.eventually(async () => {
      const endpoint = (await slicesOf('web'))[0]?.endpoints?.find((e) => e.addresses[0] === '10.244.2.7');
      return endpoint?.conditions?.ready === false ? endpoint : undefined;
    }, 'the slice shows web-2 not ready');
    expect(notReady.conditions).toEqual({ ready: false, serving: false, terminating: false });

    await lab.client.delete(PODS, 'default', 'web-1');
    await lab.eventually(async () => {
      const current = await endpoints('web');
      return current && !current.subsets?.[0]?.addresses ? current : undefined;
    }, 'web-1 leaves the ready addresses');
    const terminating = await lab.eventually(async () => {
      const endpoint = (await slicesOf('web'))[0]?.endpoints?.find((e) => e.addresses[0] === '10.244.1.5');
      return endpoint?.conditions?.terminating ? endpoint : undefined;
    }, 'the slice shows web-1 terminating');
    expect(terminating.conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('follow changes of the Service: ports, selector and deletion', async () => {
    await service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    await pod('web-1', 'node-a');
    await report('web-1', '10.244.1.5', true);
    await lab.eventually(async () => (await endpoints('web'))?.subsets?.length === 1 || undefined, 'web-1 is listed');

    const svc = await lab.client.get(SERVICES, 'default', 'web');
    const spec = svc['spec'] as Record<string, unknown>;
    await lab.client.update(SERVICES, {
      ...svc,
      spec: { ...spec, ports: [{ name: 'http', port: 80, targetPort: 9090 }] },
    });
    await lab.eventually(
      async () => (await endpoints('web'))?.subsets?.[0]?.ports?.[0]?.port === 9090 || undefined,
      'the endpoints use the new target port',
    );
    await lab.eventually(
      async () => (await slicesOf('web'))[0]?.ports?.[0]?.port === 9090 || undefined,
      'so do the slices',
    );

    const changed = await lab.client.get(SERVICES, 'default', 'web');
    await lab.client.update(SERVICES, {
      ...changed,
      spec: { ...(changed['spec'] as Record<string, unknown>), selector: { app: 'other' } },
    });
    const empty = await lab.eventually(async () => {
      const current = await endpoints('web');
      return current && !current.subsets?.length ? current : undefined;
    }, 'nothing is selected any more');
    expect(empty.subsets ?? []).toEqual([]);
    const placeholder = await lab.eventually(async () => {
      const slices = await slicesOf('web');
      return slices.length === 1 && !slices[0]!.endpoints?.length ? slices[0] : undefined;
    }, 'a placeholder slice remains');
    expect(placeholder.ports ?? []).toEqual([]);

    await lab.client.delete(SERVICES, 'default', 'web');
    await lab.eventually(async () => ((await endpoints('web')) ? undefined : true), 'the Endpoints are deleted');
  });

  it('mark headless Services and publish their pods without ports, ready or not when asked', async () => {
    await service('db', { selector: { app: 'db' }, clusterIP: 'None', publishNotReadyAddresses: true });
    await pod('db-0', 'node-a', { app: 'db' });
    await report('db-0', '10.244.1.9', false);
    const ep = await lab.eventually(async () => {
      const current = await endpoints('db');
      return current?.subsets?.length ? current : undefined;
    }, 'db-0 is published');
    expect(ep.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect(ep.subsets).toEqual([{ addresses: [expect.objectContaining({ ip: '10.244.1.9' })] }]);
    const slice = await lab.eventually(async () => {
      const [first] = await slicesOf('db');
      return first?.endpoints?.length ? first : undefined;
    }, 'the slice lists db-0');
    expect(slice.metadata.labels?.['service.kubernetes.io/headless']).toBe('');
    expect(slice.endpoints?.[0]?.conditions).toEqual({ ready: true, serving: false, terminating: false });
  });

  it('leave Services without a selector alone', async () => {
    await service('external', { ports: [{ port: 443 }] });
    await lab.advance(2000);
    expect(await endpoints('external')).toBeUndefined();
    expect(await slicesOf('external')).toEqual([]);
    const kubernetes = (await endpoints('kubernetes')) as KubeObject;
    expect(kubernetes.metadata.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
  });
});
