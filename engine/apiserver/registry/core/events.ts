// Events (core/v1): written by every component, created by PUT as well as POST, and listed by the object they
// are about (what `kubectl describe` asks for).

import type { KubeObject } from '../../../api/object.ts';
import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setEventDefaults } from '../../defaults/core.ts';
import { recordOrEmpty, str } from '../../validation/access.ts';
import { validateEvent } from '../../validation/core/event.ts';

function involved(field: string): (event: KubeObject) => string {
  return (event) => str(recordOrEmpty(event.involvedObject)[field]);
}

export const eventsResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Event',
  listKind: 'EventList',
  resource: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.core.v1.Event',
  strategy: {
    defaults: setEventDefaults,
    validate: (event) => validateEvent(event),
    validateUpdate: (event) => validateEvent(event),
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: true,
  },
  fieldSelectors: {
    'involvedObject.kind': involved('kind'),
    'involvedObject.namespace': involved('namespace'),
    'involvedObject.name': involved('name'),
    'involvedObject.uid': involved('uid'),
    'involvedObject.apiVersion': involved('apiVersion'),
    'involvedObject.resourceVersion': involved('resourceVersion'),
    'involvedObject.fieldPath': involved('fieldPath'),
    reason: (event) => str(event.reason),
    reportingComponent: (event) => str(event.reportingComponent),
    source: (event) => str(recordOrEmpty(event.source).component) || str(event.reportingComponent),
    type: (event) => str(event.type),
  },
};
