// PodTemplates: a stored pod template, defaulted and validated like the templates inside workloads; each change of
// the template counts up metadata.generation.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setPodTemplateDefaults } from '../../defaults/core.ts';
import { validatePodTemplate } from '../../validation/core/replication-controller.ts';

export const podTemplatesResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'PodTemplate',
  listKind: 'PodTemplateList',
  resource: 'podtemplates',
  singular: 'podtemplate',
  namespaced: true,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.core.v1.PodTemplate',
  strategy: {
    defaults: setPodTemplateDefaults,
    validate: (podTemplate) => validatePodTemplate(podTemplate),
    validateUpdate: (podTemplate) => validatePodTemplate(podTemplate),
    tracksGeneration: true,
    returnDeletedObject: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
