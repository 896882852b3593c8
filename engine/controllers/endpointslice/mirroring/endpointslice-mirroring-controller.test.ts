import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkloadTestCluster } from '../../common/workload-test-cluster.ts';
import type { EndpointSlice } from '../types.ts';
import { endpointSliceMirroringController } from './endpointslice-mirroring-controller.ts';

const SERVICES = { group: '', version: 'v1', resource: 'services' };
const ENDPOINTS = { group: '', version: 'v1', resource: 'endpoints' };
const SLICES = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };
const MIRRORED = 'endpointslicemirroring-controller.k8s.io';

describe('the EndpointSlice mirroring controller', () => {
  let lab: WorkloadTestCluster;

  const mirroredSlices = async (name: string) =>
    (await lab.list(SLICES)).filter(
      (s) =>
        s.metadata.labels?.['kubernetes.io/service-name'] === name &&
        s.metadata.labels['endpointslice.kubernetes.io/managed-by'] === MIRRORED,
    ) as EndpointSlice[];
  const writeEndpoints = async (addresses: string[], notReady: string[] = []) => {
    const body = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'external', labels: { team: 'db' }, annotations: { owner: 'ops' } },
      subsets: [
        {
          addresses: addresses.map((ip) => ({ ip })),
          notReadyAddresses: notReady.length ? notReady.map((ip) => ({ ip })) : undefined,
          ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
        },
      ],
    };
    const current = await lab.getOrUndefined(ENDPOINTS, 'default', 'external');
    if (current) await lab.client.update(ENDPOINTS, { ...body, metadata: { ...current.metadata, ...body.metadata } });
    else await lab.client.create(ENDPOINTS, 'default', body);
  };

  beforeEach(async () => {
    lab = await WorkloadTestCluster.start();
    await lab.run([endpointSliceMirroringController(lab.context)]);
  });

  afterEach(async () => {
    await lab.close();
  });

  it('mirrors the Endpoints of a Service without a selector into a slice with its labels and annotations', async () => {
    await lab.client.create(SERVICES, 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'external' },
      spec: { ports: [{ name: 'pg', port: 5432 }] },
    });
    await writeEndpoints(['192.168.10.1', '192.168.10.2'], ['192.168.10.3']);
    const [slice] = await lab.eventually(async () => {
      const slices = await mirroredSlices('external');
      return slices[0]?.endpoints?.length === 3 ? slices : undefined;
    }, 'the addresses are mirrored');
    expect(slice!.metadata.generateName).toBe('external-');
    expect(slice!.metadata.labels).toEqual({
      team: 'db',
      'kubernetes.io/service-name': 'external',
      'endpointslice.kubernetes.io/managed-by': MIRRORED,
    });
    expect(slice!.metadata.annotations).toEqual({ owner: 'ops' });
    expect(slice!.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Endpoints', name: 'external', controller: true }),
    ]);
    expect(slice!.ports).toEqual([{ name: 'pg', port: 5432, protocol: 'TCP' }]);
    expect(slice!.endpoints).toEqual([
      { addresses: ['192.168.10.1'], conditions: { ready: true } },
      { addresses: ['192.168.10.2'], conditions: { ready: true } },
      { addresses: ['192.168.10.3'], conditions: { ready: false } },
    ]);

    await writeEndpoints(['192.168.10.9']);
    const [updated] = await lab.eventually(async () => {
      const slices = await mirroredSlices('external');
      return slices[0]?.endpoints?.length === 1 ? slices : undefined;
    }, 'the slice follows the Endpoints');
    expect(updated!.metadata.name).toBe(slice!.metadata.name);
    expect(updated!.endpoints).toEqual([{ addresses: ['192.168.10.9'], conditions: { ready: true } }]);

    await lab.client.delete(ENDPOINTS, 'default', 'external');
    await lab.eventually(async () => ((await mirroredSlices('external')).length === 0 ? true : undefined), 'gone');
  });

  it('mirrors nothing for Endpoints whose Service has a selector, or that skip mirroring', async () => {
    await lab.client.create(SERVICES, 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'external' },
      spec: { selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432 }] },
    });
    await writeEndpoints(['192.168.10.1']);
    await lab.advance(3000);
    expect(await mirroredSlices('external')).toEqual([]);
    expect(await mirroredSlices('kubernetes')).toEqual([]);
  });
});
