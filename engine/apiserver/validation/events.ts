// Events written through events.k8s.io/v1 (pkg/apis/core/validation/events.go, ValidateEventCreate and
// ValidateEventUpdate for requests newer than core/v1): on top of the legacy checks, a new event needs an
// eventTime, a Normal or Warning type, a series of at least two, and none of the deprecated fields; an update may
// change little more than the series. Events are validated in their core form, so paths use core field names.

import { deepEqual } from '../../api/json.ts';
import { FieldPath, invalidValue, required } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { num, record, recordOrEmpty, str } from './access.ts';
import type { Json } from './access.ts';
import { validateEvent } from './core/event.ts';
import { validateImmutableField } from './generic.ts';

const EVENT_TYPES = ['Normal', 'Warning'];
const IMMUTABLE_FIELDS: [string, string][] = [
  ['involvedObject', 'involvedObject'],
  ['reason', 'reason'],
  ['message', 'message'],
  ['source', 'source'],
  ['firstTimestamp', 'firstTimestamp'],
  ['lastTimestamp', 'lastTimestamp'],
  ['count', 'count'],
  ['reason', 'reason'],
  ['type', 'type'],
  ['eventTime', 'eventTime'],
  ['action', 'action'],
  ['related', 'related'],
  ['reportingComponent', 'reportingController'],
  ['reportingInstance', 'reportingInstance'],
];

function validateSeries(event: Json): FieldError[] {
  const series = record(event.series);
  if (!series) return [];
  const errs: FieldError[] = [];
  if (num(series.count) < 2) errs.push(invalidValue(FieldPath.root('series.count'), '', 'should be at least 2'));
  if (!series.lastObservedTime) errs.push(required(FieldPath.root('series.lastObservedTime')));
  return errs;
}

/** A new event created through events.k8s.io/v1, in its core form. */
export function validateEventsV1Create(event: Json): FieldError[] {
  const errs = [...validateEvent(event), ...validateSeries(event)];
  if (!event.eventTime) errs.push(required(FieldPath.root('eventTime')));
  const type = str(event.type);
  if (!EVENT_TYPES.includes(type)) errs.push(invalidValue(FieldPath.root('type'), '', `has invalid value: ${type}`));
  for (const field of ['firstTimestamp', 'lastTimestamp']) {
    if (event[field]) errs.push(invalidValue(FieldPath.root(field), '', 'needs to be unset'));
  }
  if (num(event.count) !== 0) errs.push(invalidValue(FieldPath.root('count'), '', 'needs to be unset'));
  const source = recordOrEmpty(event.source);
  if (str(source.component) !== '' || str(source.host) !== '')
    errs.push(invalidValue(FieldPath.root('source'), '', 'needs to be unset'));
  return errs;
}

/** An update through events.k8s.io/v1, both events in their core form. */
export function validateEventsV1Update(event: Json, old: Json): FieldError[] {
  const errs = validateEvent(event);
  if (!deepEqual(event.series ?? null, old.series ?? null)) errs.push(...validateSeries(event));
  for (const [field, path] of IMMUTABLE_FIELDS) {
    errs.push(...validateImmutableField(event[field], old[field], FieldPath.root(path)));
  }
  return errs;
}
