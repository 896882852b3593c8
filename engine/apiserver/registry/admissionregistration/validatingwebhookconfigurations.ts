// ValidatingWebhookConfigurations (pkg/registry/admissionregistration/validatingwebhookconfiguration): webhooks
// called to accept or reject objects. Cluster-scoped; changes to the webhooks bump generation.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setValidatingWebhookConfigurationDefaults } from '../../defaults/admissionregistration.ts';
import {
  validateValidatingWebhookConfiguration,
  validateValidatingWebhookConfigurationUpdate,
} from '../../validation/admissionregistration/webhooks.ts';

export const validatingWebhookConfigurationsResource: ResourceDefinition = {
  group: 'admissionregistration.k8s.io',
  version: 'v1',
  kind: 'ValidatingWebhookConfiguration',
  listKind: 'ValidatingWebhookConfigurationList',
  resource: 'validatingwebhookconfigurations',
  singular: 'validatingwebhookconfiguration',
  namespaced: false,
  categories: ['api-extensions'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.admissionregistration.v1.ValidatingWebhookConfiguration',
  strategy: {
    defaults: setValidatingWebhookConfigurationDefaults,
    validate: (config) => validateValidatingWebhookConfiguration(config),
    validateUpdate: (config, old) => validateValidatingWebhookConfigurationUpdate(config, old),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
