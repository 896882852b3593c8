// ControllerRevisions: immutable snapshots of a StatefulSet's or DaemonSet's template, one per revision.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { validateControllerRevision, validateControllerRevisionUpdate } from '../../validation/apps.ts';

export const controllerRevisionsResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  listKind: 'ControllerRevisionList',
  resource: 'controllerrevisions',
  singular: 'controllerrevision',
  namespaced: true,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.apps.v1.ControllerRevision',
  strategy: {
    validate: (revision) => validateControllerRevision(revision),
    validateUpdate: (revision, old) => validateControllerRevisionUpdate(revision, old),
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
