// events.k8s.io/v1 Events and core/v1 Events are the same stored objects (/registry/events/<ns>/<name>) seen
// through two schemas (pkg/apis/events/v1/conversion.go): regarding ↔ involvedObject, note ↔ message,
// reportingController ↔ reportingComponent, deprecatedSource/FirstTimestamp/LastTimestamp/Count ↔
// source/firstTimestamp/lastTimestamp/count. Both functions are pure and write fields in Go's struct order, with
// the fields Go always writes (structs, timestamps as null) present and the omitempty ones left out when empty.

import { deepCopy } from '../../../api/object.ts';
import type { KubeObject } from '../../../api/object.ts';
import { isRecord } from '../../validation/access.ts';
import type { Json } from '../../validation/access.ts';

/** A copied struct-valued field: `{}` when absent (Go writes empty structs). */
function struct(value: unknown): Json {
  return isRecord(value) ? deepCopy(value) : {};
}

/** A timestamp field: null when absent (Go writes zero times as null). */
function time(value: unknown): unknown {
  return value ?? null;
}

/** Copies an omitempty string or number only when it is set and not empty or zero. */
function copyNonEmpty(out: Json, key: string, value: unknown): void {
  if (value !== undefined && value !== null && value !== '' && value !== 0) out[key] = value;
}

/** Copies an optional pointer field (series, related) when present. */
function copyPointer(out: Json, key: string, value: unknown): void {
  if (value !== undefined && value !== null) out[key] = deepCopy(value);
}

export function coreEventToEventsV1(event: KubeObject): KubeObject {
  const out: KubeObject = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: deepCopy(event.metadata) };
  out.eventTime = time(event.eventTime);
  copyPointer(out, 'series', event.series);
  copyNonEmpty(out, 'reportingController', event.reportingComponent);
  copyNonEmpty(out, 'reportingInstance', event.reportingInstance);
  copyNonEmpty(out, 'action', event.action);
  copyNonEmpty(out, 'reason', event.reason);
  out.regarding = struct(event.involvedObject);
  copyPointer(out, 'related', event.related);
  copyNonEmpty(out, 'note', event.message);
  copyNonEmpty(out, 'type', event.type);
  out.deprecatedSource = struct(event.source);
  out.deprecatedFirstTimestamp = time(event.firstTimestamp);
  out.deprecatedLastTimestamp = time(event.lastTimestamp);
  copyNonEmpty(out, 'deprecatedCount', event.count);
  return out;
}

export function eventsV1ToCoreEvent(event: KubeObject): KubeObject {
  const out: KubeObject = { apiVersion: 'v1', kind: 'Event', metadata: deepCopy(event.metadata) };
  out.involvedObject = struct(event.regarding);
  copyNonEmpty(out, 'reason', event.reason);
  copyNonEmpty(out, 'message', event.note);
  out.source = struct(event.deprecatedSource);
  out.firstTimestamp = time(event.deprecatedFirstTimestamp);
  out.lastTimestamp = time(event.deprecatedLastTimestamp);
  copyNonEmpty(out, 'count', event.deprecatedCount);
  copyNonEmpty(out, 'type', event.type);
  out.eventTime = time(event.eventTime);
  copyPointer(out, 'series', event.series);
  copyNonEmpty(out, 'action', event.action);
  copyPointer(out, 'related', event.related);
  out.reportingComponent = typeof event.reportingController === 'string' ? event.reportingController : '';
  out.reportingInstance = typeof event.reportingInstance === 'string' ? event.reportingInstance : '';
  return out;
}
