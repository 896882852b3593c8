// CustomResourceDefinitions (apiextensions-apiserver pkg/registry/customresourcedefinition): new resources for
// the API server to serve. Stored under /registry/apiextensions.k8s.io/customresourcedefinitions; a new CRD starts
// with an empty status that records its storage version, and spec changes bump metadata.generation. Serving the
// custom resources themselves is the integrator's job (see the CRD controller).

import type { KubeObject } from '../../../api/object.ts';
import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { resetStatus, statusSubresource } from '../definition-helpers.ts';
import { setCustomResourceDefinitionDefaults } from '../../defaults/apiextensions.ts';
import { list, records, recordOrEmpty, str } from '../../validation/access.ts';
import {
  validateCustomResourceDefinition,
  validateCustomResourceDefinitionStatusUpdate,
  validateCustomResourceDefinitionUpdate,
} from '../../validation/apiextensions/crd.ts';

/** The status a CRD is created with, as Go writes an empty CustomResourceDefinitionStatus. */
const EMPTY_STATUS = { conditions: null, acceptedNames: { plural: '', kind: '' }, storedVersions: [] };

/** Appends the storage version to status.storedVersions unless it is already there. */
function recordStorageVersion(crd: KubeObject): void {
  const storage = records(recordOrEmpty(crd.spec).versions).find((v) => v.storage === true);
  if (!storage) return;
  const status = recordOrEmpty(crd.status);
  const stored = list(status.storedVersions).map(str);
  if (!stored.includes(str(storage.name))) status.storedVersions = [...stored, str(storage.name)];
}

export const customResourceDefinitionsResource: ResourceDefinition = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  listKind: 'CustomResourceDefinitionList',
  resource: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  namespaced: false,
  shortNames: ['crd', 'crds'],
  categories: ['api-extensions'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
  storagePrefix: 'apiextensions.k8s.io/customresourcedefinitions',
  subresources: { status: statusSubresource('apiextensions.k8s.io', 'CustomResourceDefinition') },
  strategy: {
    defaults: setCustomResourceDefinitionDefaults,
    prepareForCreate(crd) {
      resetStatus(crd, EMPTY_STATUS);
      recordStorageVersion(crd);
    },
    prepareForUpdate: (crd) => recordStorageVersion(crd),
    validate: (crd) => validateCustomResourceDefinition(crd),
    validateUpdate: (crd, old) => validateCustomResourceDefinitionUpdate(crd, old),
    validateStatusUpdate: (crd) => validateCustomResourceDefinitionStatusUpdate(crd),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: false,
  },
};
