// The core group's resources ("" / v1), in the order discovery lists them.

import type { ResourceDefinition } from '../resource-definition.ts';
import { bindingsResource } from './bindings.ts';
import { componentStatusesResource } from './componentstatuses.ts';
import { configMapsResource } from './configmaps.ts';
import { endpointsResource } from './endpoints.ts';
import { eventsResource } from './events.ts';
import { limitRangesResource } from './limitranges.ts';
import { namespacesResource } from './namespaces.ts';
import { nodesResource } from './nodes.ts';
import { persistentVolumeClaimsResource } from './persistentvolumeclaims.ts';
import { persistentVolumesResource } from './persistentvolumes.ts';
import { podsResource } from './pods.ts';
import { podTemplatesResource } from './podtemplates.ts';
import { replicationControllersResource } from './replicationcontrollers.ts';
import { resourceQuotasResource } from './resourcequotas.ts';
import { secretsResource } from './secrets.ts';
import { serviceAccountsResource } from './serviceaccounts.ts';
import { servicesResource } from './services.ts';

export const coreResources: readonly ResourceDefinition[] = [
  bindingsResource,
  componentStatusesResource,
  configMapsResource,
  endpointsResource,
  eventsResource,
  limitRangesResource,
  namespacesResource,
  nodesResource,
  persistentVolumeClaimsResource,
  persistentVolumesResource,
  podsResource,
  podTemplatesResource,
  replicationControllersResource,
  resourceQuotasResource,
  secretsResource,
  serviceAccountsResource,
  servicesResource,
];
