import { describe, expect, it } from 'vitest';

import type { KubeObject } from '../../api/object.ts';
import { setEndpointSliceDefaults } from './discovery.ts';

describe('setEndpointSliceDefaults', () => {
  it('names ports "" and gives them TCP', () => {
    const slice: KubeObject = { metadata: { name: 's' }, addressType: 'IPv4', endpoints: [], ports: [{ port: 80 }] };
    setEndpointSliceDefaults(slice);
    expect(slice.ports).toEqual([{ port: 80, name: '', protocol: 'TCP' }]);
  });

  it('writes null lists for a slice without endpoints or ports', () => {
    const slice: KubeObject = { metadata: { name: 's' }, addressType: 'IPv4' };
    setEndpointSliceDefaults(slice);
    expect(slice).toMatchObject({ endpoints: null, ports: null });
  });
});
