import { describe, expect, it } from 'vitest';
import { EndpointSet } from './endpoint-set.ts';
import { reconcileByPortMapping } from './port-mapping.ts';
import type { Endpoint, EndpointSlice, Service } from './types.ts';

const service: Service = {
  metadata: { name: 'web', namespace: 'default', uid: 'svc-uid' },
  spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [{ port: 80 }] },
};
const ports = [{ name: '', port: 80, protocol: 'TCP' }];
const endpoint = (i: number, ready = true): Endpoint => ({
  addresses: [`10.244.${Math.floor(i / 250)}.${i % 250}`],
  conditions: { ready, serving: ready, terminating: false },
  targetRef: { kind: 'Pod', namespace: 'default', name: `web-${i}`, uid: `uid-${i}` },
});
const range = (from: number, to: number, ready = true) =>
  Array.from({ length: to - from }, (_, i) => endpoint(from + i, ready));
const desired = (endpoints: Endpoint[]) => {
  const set = new EndpointSet();
  for (const e of endpoints) set.insert(e);
  return set;
};
const existing = (name: string, endpoints: Endpoint[]): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: {
    name,
    namespace: 'default',
    labels: {
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    },
  },
  addressType: 'IPv4',
  endpoints,
  ports,
});
const plan = (slices: EndpointSlice[], wanted: Endpoint[]) => {
  const changes = reconcileByPortMapping({
    service,
    existing: slices,
    desired: desired(wanted),
    ports,
    addressType: 'IPv4',
    maxEndpointsPerSlice: 100,
    controllerName: 'endpointslice-controller.k8s.io',
  });
  const sizes = (list: EndpointSlice[]) => list.map((s) => `${s.metadata.name ?? 'new'}:${s.endpoints?.length ?? 0}`);
  return { create: sizes(changes.toCreate), update: sizes(changes.toUpdate), delete: sizes(changes.toDelete) };
};

describe('reconcileByPortMapping', () => {
  it.each([
    [
      'creates slices of at most 100 endpoints',
      [],
      range(0, 250),
      { create: ['new:100', 'new:100', 'new:50'], update: [], delete: [] },
    ],
    [
      'changes nothing when the slices are right',
      [existing('a', range(0, 100)), existing('b', range(100, 150))],
      range(0, 150),
      { create: [], update: [], delete: [] },
    ],
    [
      'updates the slice an endpoint left',
      [existing('a', range(0, 100)), existing('b', range(100, 150))],
      range(0, 149),
      { create: [], update: ['b:49'], delete: [] },
    ],
    [
      'updates in place an endpoint whose conditions changed',
      [existing('a', range(0, 10))],
      [...range(0, 9), endpoint(9, false)],
      { create: [], update: ['a:10'], delete: [] },
    ],
    [
      'deletes a slice whose endpoints all left',
      [existing('a', range(0, 10)), existing('b', range(10, 20))],
      range(0, 10),
      { create: [], update: [], delete: ['b:10'] },
    ],
    [
      'fills a slice being updated anyway before creating one',
      [existing('a', range(0, 50))],
      [...range(1, 50), ...range(50, 60)],
      { create: [], update: ['a:59'], delete: [] },
    ],
    [
      'fills an untouched slice with just enough room',
      [existing('a', range(0, 100)), existing('b', range(100, 180))],
      range(0, 195),
      { create: [], update: ['b:95'], delete: [] },
    ],
    [
      'creates a slice when no untouched one has room',
      [existing('a', range(0, 95))],
      range(0, 110),
      { create: ['new:15'], update: [], delete: [] },
    ],
  ])('%s', (_name, slices, wanted, expected) => {
    expect(plan(slices, wanted)).toEqual(expected);
  });

  it('labels new slices for the Service and owns them by it', () => {
    const changes = reconcileByPortMapping({
      service,
      existing: [],
      desired: desired(range(0, 1)),
      ports,
      addressType: 'IPv4',
      maxEndpointsPerSlice: 100,
      controllerName: 'endpointslice-controller.k8s.io',
    });
    expect(changes.toCreate[0]?.metadata).toEqual({
      generateName: 'web-',
      namespace: 'default',
      labels: {
        'kubernetes.io/service-name': 'web',
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      },
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true },
      ],
    });
  });
});
