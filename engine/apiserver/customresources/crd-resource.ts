// What the API server needs to serve one version of a CustomResourceDefinition: the ResourceDefinition (names,
// scope, verbs, storage under /registry/<group>/<plural>, status and scale sub-resources, printer columns,
// selectable fields, the strategy) and the schema table of its kind. `prune` reports unknown fields: call it on
// every decoded request body (create, update, and the result of a patch) before the registry sees the object, and
// warn about or refuse (fieldValidation=Strict) the paths it returns; the strategy's `defaults` prunes as well, so
// nothing unknown is stored even where a caller does not ask.

import type { KubeObject } from '../../api/object.ts';
import type { SchemaTable } from '../../api/schema-table.ts';
import { printerForCustomResource } from '../printers/custom-columns.ts';
import type { ResourceDefinition, SubresourceDefinition } from '../registry/resource-definition.ts';
import { ALL_VERBS } from '../registry/resource-definition.ts';
import { nameIsDNSSubdomain } from '../validation/names.ts';
import { readCustomResourceVersion } from './crd-version.ts';
import type { CustomResourceVersion } from './crd-version.ts';
import { customResourceStrategy } from './custom-resource-strategy.ts';
import { pruneCustomResource } from './pruning.ts';
import { schemaTableFor } from './schema-conversion.ts';
import { selectableFieldSelectors } from './selectable-fields.ts';

export interface CustomResourceServing {
  definition: ResourceDefinition;
  schemas: SchemaTable;
  /**
   * Prunes a decoded object in place as the API server does on decode (unknown fields, unknown metadata fields,
   * non-nullable nulls) and returns the paths of the unknown fields, e.g. ["spec.foo"]. Throws TypeMismatchError
   * when metadata has values of the wrong type (a 400, as for built-in kinds).
   */
  prune(obj: KubeObject): string[];
}

const SUBRESOURCE_VERBS: SubresourceDefinition['verbs'] = ['get', 'patch', 'update'];

function subresourcesOf(version: CustomResourceVersion): Record<string, SubresourceDefinition> | undefined {
  const subresources: Record<string, SubresourceDefinition> = {};
  if (version.status) {
    subresources['status'] = {
      responseKind: { group: version.group, version: version.version, kind: version.kind },
      verbs: SUBRESOURCE_VERBS,
    };
  }
  if (version.scale) {
    subresources['scale'] = {
      responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
      verbs: SUBRESOURCE_VERBS,
    };
  }
  return Object.keys(subresources).length ? subresources : undefined;
}

/** The ResourceDefinition, schema table and pruner of a CRD's version; undefined when the CRD lacks the version. */
export function customResourceDefinitionFor(crd: KubeObject, version: string): CustomResourceServing | undefined {
  const served = readCustomResourceVersion(crd, version);
  if (!served) return undefined;
  const { group, kind, listKind, schema } = served;
  const { root, table } = schemaTableFor(schema, { group, version, kind }, listKind);
  const definition: ResourceDefinition = {
    group,
    version,
    kind,
    listKind,
    resource: served.plural,
    singular: served.singular,
    namespaced: served.namespaced,
    verbs: ALL_VERBS,
    schema: root,
    storagePrefix: `${group}/${served.plural}`,
    strategy: customResourceStrategy(served),
    table: printerForCustomResource(served.printerColumns),
    customResource: true,
    validateName: nameIsDNSSubdomain,
  };
  if (served.shortNames.length) definition.shortNames = served.shortNames;
  if (served.categories.length) definition.categories = served.categories;
  const subresources = subresourcesOf(served);
  if (subresources) definition.subresources = subresources;
  if (served.scale) definition.scale = served.scale;
  if (served.selectableFields.length) definition.fieldSelectors = selectableFieldSelectors(served.selectableFields);
  return { definition, schemas: table, prune: (obj) => pruneCustomResource(obj, schema) };
}
