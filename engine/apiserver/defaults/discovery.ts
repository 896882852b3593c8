// Defaults of the discovery.k8s.io group (pkg/apis/discovery/v1/defaults.go): EndpointSlice ports are named "" and
// speak TCP unless told otherwise. The endpoints and ports lists are always written (null when absent), as Go
// serialises them.

import type { KubeObject } from '../../api/object.ts';
import { records } from '../validation/access.ts';

export function setEndpointSliceDefaults(slice: KubeObject): void {
  for (const field of ['endpoints', 'ports']) if (slice[field] === undefined) slice[field] = null;
  for (const port of records(slice.ports)) {
    if (typeof port.name !== 'string') port.name = '';
    if (typeof port.protocol !== 'string') port.protocol = 'TCP';
  }
}
