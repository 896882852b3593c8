// Defaults of the coordination.k8s.io group: a Lease's spec is a struct Go always writes, so an empty one is
// stored as {}.

import type { KubeObject } from '../../api/object.ts';
import { ensureRecord } from '../validation/access.ts';

export function setLeaseDefaults(lease: KubeObject): void {
  ensureRecord(lease, 'spec');
}
