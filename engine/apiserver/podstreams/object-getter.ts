// What the streaming sub-resources read from the registry: single objects by namespace and name (the pod, its node).

import type { ResourceStore } from '../registry/generic/resource-store.ts';

export type ObjectGetter = Pick<ResourceStore, 'get'>;
