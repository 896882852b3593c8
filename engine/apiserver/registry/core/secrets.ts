// Secrets: base64 data (stringData folded in), type-specific required keys, an immutable type, data frozen once
// `immutable` is set; listable by type.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setSecretDefaults } from '../../defaults/core.ts';
import { str } from '../../validation/access.ts';
import { validateSecret, validateSecretUpdate } from '../../validation/core/config-data.ts';

export const secretsResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  listKind: 'SecretList',
  resource: 'secrets',
  singular: 'secret',
  namespaced: true,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.core.v1.Secret',
  strategy: {
    defaults: setSecretDefaults,
    validate: (secret) => validateSecret(secret),
    validateUpdate: (secret, old) => validateSecretUpdate(secret, old),
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
  fieldSelectors: {
    type: (secret) => str(secret.type),
  },
};
