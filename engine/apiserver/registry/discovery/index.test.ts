import { describe, expect, it } from 'vitest';

import { definitionForGVK } from '../../../api/schemas.ts';
import type { KubeObject } from '../../../api/object.ts';
import { discoveryResources } from './index.ts';

describe('discovery.k8s.io resources', () => {
  it('serves endpointslices as a real cluster discovers them', () => {
    expect(discoveryResources).toHaveLength(1);
    const [d] = discoveryResources;
    expect(d).toMatchObject({
      group: 'discovery.k8s.io',
      version: 'v1',
      kind: 'EndpointSlice',
      listKind: 'EndpointSliceList',
      resource: 'endpointslices',
      singular: 'endpointslice',
      namespaced: true,
    });
    expect(d?.shortNames).toBeUndefined();
    expect(d?.subresources).toBeUndefined();
    expect(d?.storagePrefix).toBeUndefined();
    expect(d?.schema).toBe(definitionForGVK('discovery.k8s.io', 'v1', 'EndpointSlice'));
    expect(d?.strategy.tracksGeneration).toBe(true);
  });

  it('defaults a controller-written slice into one that validates', () => {
    const slice: KubeObject = {
      metadata: { name: 'web-x', namespace: 'default' },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.1.0.2'] }],
      ports: [{ port: 80 }],
    };
    const strategy = discoveryResources[0]!.strategy;
    strategy.defaults?.(slice);
    expect(
      strategy.validate?.(slice, { user: { username: 'u', groups: [] }, now: 0, namespace: 'default', warnings: [] }),
    ).toEqual([]);
  });
});
