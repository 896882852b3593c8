// DaemonSets (pkg/registry/apps/daemonset): one pod per eligible node; a status sub-resource but no scale. Each
// template change also counts up the deprecated template-generation annotation apps/v1 carries.

import type { KubeObject } from '../../../api/object.ts';
import { deepEqual } from '../../../api/json.ts';
import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { resetStatus, statusSubresource } from '../definition-helpers.ts';
import { setDaemonSetDefaults } from '../../defaults/apps.ts';
import { recordOrEmpty } from '../../validation/access.ts';
import { validateDaemonSet, validateDaemonSetStatusUpdate, validateDaemonSetUpdate } from '../../validation/apps.ts';

/** DaemonSetStatus as Go writes an empty one (its four counters have no omitempty). */
const EMPTY_STATUS = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };

/** apps/v1 keeps the internal spec.templateGeneration in this annotation. */
const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

function templateGeneration(daemonSet: KubeObject): number {
  const value = Number(daemonSet.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? '0');
  return Number.isInteger(value) ? value : 0;
}

function setTemplateGeneration(daemonSet: KubeObject, generation: number): void {
  daemonSet.metadata.annotations = {
    ...daemonSet.metadata.annotations,
    [TEMPLATE_GENERATION_ANNOTATION]: String(generation),
  };
}

export const daemonSetsResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  listKind: 'DaemonSetList',
  resource: 'daemonsets',
  singular: 'daemonset',
  namespaced: true,
  shortNames: ['ds'],
  categories: ['all'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.apps.v1.DaemonSet',
  subresources: { status: statusSubresource('apps', 'DaemonSet') },
  strategy: {
    defaults: setDaemonSetDefaults,
    prepareForCreate(daemonSet) {
      resetStatus(daemonSet, EMPTY_STATUS);
      if (templateGeneration(daemonSet) < 1) setTemplateGeneration(daemonSet, 1);
    },
    prepareForUpdate(daemonSet, old) {
      const template = recordOrEmpty(daemonSet.spec).template;
      const oldTemplate = recordOrEmpty(old.spec).template;
      if (!deepEqual(template ?? null, oldTemplate ?? null))
        setTemplateGeneration(daemonSet, templateGeneration(old) + 1);
      else setTemplateGeneration(daemonSet, templateGeneration(old));
    },
    validate: (daemonSet) => validateDaemonSet(daemonSet),
    validateUpdate: (daemonSet, old) => validateDaemonSetUpdate(daemonSet, old),
    validateStatusUpdate: (daemonSet, old) => validateDaemonSetStatusUpdate(daemonSet, old),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
