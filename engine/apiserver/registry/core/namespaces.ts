// Namespaces (pkg/registry/core/namespace): created Active with the "kubernetes" finalizer in spec.finalizers,
// which only the finalize sub-resource changes; their name is a DNS label and also a label on themselves.
// Deleting a namespace (phase Terminating until its finalizers are gone) is the namespace handler's job.

import type { KubeObject } from '../../../api/object.ts';
import { VERBS_WITHOUT_DELETECOLLECTION, statusSubresource, subresource } from '../definition-helpers.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setNamespaceDefaults } from '../../defaults/core.ts';
import { ensureRecord, list, recordOrEmpty, str } from '../../validation/access.ts';
import { nameIsDNSLabel } from '../../validation/names.ts';
import { validateNamespace, validateNamespaceStatusUpdate } from '../../validation/core/namespace.ts';

function prepareForCreate(namespace: KubeObject): void {
  namespace.status = { phase: 'Active' };
  const spec = ensureRecord(namespace, 'spec');
  const finalizers = list(spec.finalizers).map(str);
  if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
}

export const namespacesResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  listKind: 'NamespaceList',
  resource: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  verbs: VERBS_WITHOUT_DELETECOLLECTION,
  schema: 'io.k8s.api.core.v1.Namespace',
  subresources: {
    finalize: subresource('', 'v1', 'Namespace', ['update']),
    status: statusSubresource('', 'Namespace'),
  },
  strategy: {
    defaults: setNamespaceDefaults,
    prepareForCreate,
    prepareForUpdate(namespace, old) {
      const finalizers = recordOrEmpty(old.spec).finalizers;
      const spec = ensureRecord(namespace, 'spec');
      if (finalizers === undefined) delete spec.finalizers;
      else spec.finalizers = structuredClone(finalizers);
    },
    validate: (namespace) => validateNamespace(namespace),
    validateStatusUpdate: (namespace) => validateNamespaceStatusUpdate(namespace),
    canonicalize: setNamespaceDefaults,
    returnDeletedObject: true,
    // A namespace also keeps its spec.finalizers until the namespace controller has emptied it.
    deleteDuringUpdate: (namespace) => list(recordOrEmpty(namespace.spec).finalizers).length === 0,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
  fieldSelectors: {
    'status.phase': (namespace) => str(recordOrEmpty(namespace.status).phase),
    name: (namespace) => namespace.metadata.name ?? '',
  },
  validateName: nameIsDNSLabel,
};
