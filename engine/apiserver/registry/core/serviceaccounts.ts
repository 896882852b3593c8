// ServiceAccounts: identities for pods; their secret references keep only names. Tokens are requested through
// the token sub-resource.

import type { KubeObject } from '../../../api/object.ts';
import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { subresource } from '../definition-helpers.ts';
import { records, str } from '../../validation/access.ts';

/** References to secrets carry only the secret's name (cleanSecretReferences). */
function cleanSecretReferences(serviceAccount: KubeObject): void {
  if (!Array.isArray(serviceAccount.secrets)) return;
  serviceAccount.secrets = records(serviceAccount.secrets).map((ref) =>
    str(ref.name) === '' ? {} : { name: str(ref.name) },
  );
}

export const serviceAccountsResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  listKind: 'ServiceAccountList',
  resource: 'serviceaccounts',
  singular: 'serviceaccount',
  namespaced: true,
  shortNames: ['sa'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.core.v1.ServiceAccount',
  subresources: {
    token: subresource('authentication.k8s.io', 'v1', 'TokenRequest', ['create']),
  },
  strategy: {
    prepareForCreate: cleanSecretReferences,
    prepareForUpdate: cleanSecretReferences,
    returnDeletedObject: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
