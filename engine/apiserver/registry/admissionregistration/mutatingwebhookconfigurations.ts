// MutatingWebhookConfigurations (pkg/registry/admissionregistration/mutatingwebhookconfiguration): webhooks
// called to change objects before they are stored. Cluster-scoped; changes to the webhooks bump generation.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setMutatingWebhookConfigurationDefaults } from '../../defaults/admissionregistration.ts';
import {
  validateMutatingWebhookConfiguration,
  validateMutatingWebhookConfigurationUpdate,
} from '../../validation/admissionregistration/webhooks.ts';

export const mutatingWebhookConfigurationsResource: ResourceDefinition = {
  group: 'admissionregistration.k8s.io',
  version: 'v1',
  kind: 'MutatingWebhookConfiguration',
  listKind: 'MutatingWebhookConfigurationList',
  resource: 'mutatingwebhookconfigurations',
  singular: 'mutatingwebhookconfiguration',
  namespaced: false,
  categories: ['api-extensions'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.admissionregistration.v1.MutatingWebhookConfiguration',
  strategy: {
    defaults: setMutatingWebhookConfigurationDefaults,
    validate: (config) => validateMutatingWebhookConfiguration(config),
    validateUpdate: (config, old) => validateMutatingWebhookConfigurationUpdate(config, old),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
