// controller.ComputeHash: the pod-template-hash of a Deployment's ReplicaSets (and of other controllers' revisions) —
// FNV-1a 32 over the deep-hash text of the pod template, then over the collision count (8 bytes, the count in the
// low four, little-endian) when the Deployment has one, printed in decimal and made name-safe.

import type { PodTemplateSpec } from '../workload-types.ts';
import { Fnv32a } from './fnv.ts';
import { spewMessage } from './go-spew.ts';
import { safeEncodeString } from './safe-encode.ts';

const POD_TEMPLATE_SPEC = 'k8s.io.api.core.v1.PodTemplateSpec';

export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  const hasher = new Fnv32a();
  hasher.write(new TextEncoder().encode(spewMessage(POD_TEMPLATE_SPEC, template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hasher.write(bytes);
  }
  return safeEncodeString(String(hasher.sum32()));
}
