// The storage.k8s.io group's resources (storage.k8s.io/v1), in the order discovery lists them.
// VolumeAttributesClasses are beta in Kubernetes 1.32 and not served.

import type { ResourceDefinition } from '../resource-definition.ts';
import { csiDriversResource } from './csidrivers.ts';
import { csiNodesResource } from './csinodes.ts';
import { csiStorageCapacitiesResource } from './csistoragecapacities.ts';
import { storageClassesResource } from './storageclasses.ts';
import { volumeAttachmentsResource } from './volumeattachments.ts';

export const storageResources: readonly ResourceDefinition[] = [
  csiDriversResource,
  csiNodesResource,
  csiStorageCapacitiesResource,
  storageClassesResource,
  volumeAttachmentsResource,
];
