// Every built-in resource the API server serves, each with the table columns `kubectl get` prints for it.
// autoscaling/v1 (which shares its storage with v2 through a conversion) and events.k8s.io (which shares core
// events' storage) are served by façades over the stored version, not listed here.

import { printerFor } from '../printers/index.ts';
import { admissionregistrationResources } from './admissionregistration/index.ts';
import { apiextensionsResources } from './apiextensions/index.ts';
import { apiregistrationResources } from './apiregistration/index.ts';
import { appsResources } from './apps/index.ts';
import { autoscalingResources } from './autoscaling/index.ts';
import { batchResources } from './batch/index.ts';
import { certificatesResources } from './certificates/index.ts';
import { coordinationResources } from './coordination/index.ts';
import { coreResources } from './core/index.ts';
import { discoveryResources } from './discovery/index.ts';
import { flowcontrolResources } from './flowcontrol/index.ts';
import { networkingResources } from './networking/index.ts';
import { nodeResources } from './node/index.ts';
import { policyResources } from './policy/index.ts';
import { rbacResources } from './rbac/index.ts';
import type { ResourceDefinition } from './resource-definition.ts';
import { schedulingResources } from './scheduling/index.ts';
import { storageResources } from './storage/index.ts';

/** Resources computed by the API server rather than stored (served by handlers, not the generic store). */
export const COMPUTED_RESOURCES = new Set(['bindings', 'componentstatuses']);

export function builtinResources(): ResourceDefinition[] {
  return [
    ...coreResources,
    ...appsResources,
    ...batchResources,
    ...autoscalingResources.filter((d) => d.version === 'v2'),
    ...networkingResources,
    ...discoveryResources,
    ...storageResources,
    ...rbacResources,
    ...coordinationResources,
    ...policyResources,
    ...schedulingResources,
    ...admissionregistrationResources,
    ...apiextensionsResources,
    ...certificatesResources,
    ...nodeResources,
    ...flowcontrolResources,
    ...apiregistrationResources,
  ].map((definition) => ({ ...definition, table: definition.table ?? printerFor(definition.group, definition.kind) }));
}
