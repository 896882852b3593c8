// Every built-in resource the API server serves, each with the table columns `kubectl get` prints for it.

import { printerFor } from '../printers/index.ts';
import { appsResources } from './apps/index.ts';
import { batchResources } from './batch/index.ts';
import { coreResources } from './core/index.ts';
import { discoveryResources } from './discovery/index.ts';
import { networkingResources } from './networking/index.ts';
import type { ResourceDefinition } from './resource-definition.ts';

/** Resources computed by the API server rather than stored (served by handlers, not the generic store). */
export const COMPUTED_RESOURCES = new Set(['bindings', 'componentstatuses']);

export function builtinResources(): ResourceDefinition[] {
  return [...coreResources, ...appsResources, ...batchResources, ...networkingResources, ...discoveryResources].map(
    (definition) => ({ ...definition, table: definition.table ?? printerFor(definition.group, definition.kind) }),
  );
}
