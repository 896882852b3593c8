// Events as events.k8s.io/v1 serves them (pkg/registry/events): the same objects as core/v1 Events, stored under
// /registry/events in their core form (see conversion.ts; the integrator converts at the storage boundary).
// Validation runs on the core form, strictly, as upstream's does for requests newer than core/v1, and field
// selectors take the core labels, read from the events.k8s.io/v1 fields they map to.

import type { KubeObject } from '../../../api/object.ts';
import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setEventsV1EventDefaults } from '../../defaults/events.ts';
import { recordOrEmpty, str } from '../../validation/access.ts';
import { validateEventsV1Create, validateEventsV1Update } from '../../validation/events.ts';
import { eventsV1ToCoreEvent } from './conversion.ts';

function regarding(field: string): (event: KubeObject) => string {
  return (event) => str(recordOrEmpty(event.regarding)[field]);
}

export const eventsV1Resource: ResourceDefinition = {
  group: 'events.k8s.io',
  version: 'v1',
  kind: 'Event',
  listKind: 'EventList',
  resource: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.events.v1.Event',
  storagePrefix: 'events',
  strategy: {
    defaults: setEventsV1EventDefaults,
    validate: (event) => validateEventsV1Create(eventsV1ToCoreEvent(event)),
    validateUpdate: (event, old) => validateEventsV1Update(eventsV1ToCoreEvent(event), eventsV1ToCoreEvent(old)),
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: true,
  },
  fieldSelectors: {
    'involvedObject.kind': regarding('kind'),
    'involvedObject.namespace': regarding('namespace'),
    'involvedObject.name': regarding('name'),
    'involvedObject.uid': regarding('uid'),
    'involvedObject.apiVersion': regarding('apiVersion'),
    'involvedObject.resourceVersion': regarding('resourceVersion'),
    'involvedObject.fieldPath': regarding('fieldPath'),
    reason: (event) => str(event.reason),
    reportingComponent: (event) => str(event.reportingController),
    source: (event) => str(recordOrEmpty(event.deprecatedSource).component) || str(event.reportingController),
    type: (event) => str(event.type),
  },
};
