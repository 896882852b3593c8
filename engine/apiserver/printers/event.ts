// Event rows (core/v1 and events.k8s.io/v1 Events share one storage and one table upstream): LAST SEEN, TYPE,
// REASON, OBJECT as "kind/name", MESSAGE, and with `-o wide` the sub-object, source, first seen, count and name.

import type { KubeObject } from '../../api/object.ts';
import type { TableConvertor } from '../registry/resource-definition.ts';
import { column, NAME_COLUMN, wideColumn } from './columns.ts';
import { field, has, int, str } from './read.ts';
import { since, timestampOf } from './time.ts';

/** The fields of an Event that the table reads, under their core/v1 names. */
interface EventView {
  name: string;
  involvedObject: unknown;
  source: unknown;
  reportingController: string;
  reportingInstance: string;
  firstTimestamp: unknown;
  lastTimestamp: unknown;
  eventTime: unknown;
  series: unknown;
  count: number;
  type: string;
  reason: string;
  message: string;
}

function coreView(event: KubeObject): EventView {
  return {
    name: event.metadata.name ?? '',
    involvedObject: event.involvedObject,
    source: event.source,
    reportingController: str(event, 'reportingComponent'),
    reportingInstance: str(event, 'reportingInstance'),
    firstTimestamp: event.firstTimestamp,
    lastTimestamp: event.lastTimestamp,
    eventTime: event.eventTime,
    series: event.series,
    count: int(event, 'count'),
    type: str(event, 'type'),
    reason: str(event, 'reason'),
    message: str(event, 'message'),
  };
}

/** An events.k8s.io/v1 Event seen as the core Event it converts to. */
function eventsView(event: KubeObject): EventView {
  return {
    ...coreView(event),
    involvedObject: event.regarding,
    source: event.deprecatedSource,
    reportingController: str(event, 'reportingController'),
    firstTimestamp: event.deprecatedFirstTimestamp,
    lastTimestamp: event.deprecatedLastTimestamp,
    count: int(event, 'deprecatedCount'),
    message: str(event, 'note'),
  };
}

function source(view: EventView): string {
  const component = str(view.source, 'component') || view.reportingController;
  const host = str(view.source, 'host') || view.reportingInstance;
  return host === '' ? component : `${component}, ${host}`;
}

function eventRow(view: EventView, now: number): (string | number)[] {
  const firstSeen = since(timestampOf(view.firstTimestamp) === undefined ? view.eventTime : view.firstTimestamp, now);
  let lastSeen = timestampOf(view.lastTimestamp) === undefined ? firstSeen : since(view.lastTimestamp, now);
  let count = view.count;
  if (has(view.series)) {
    lastSeen = since(field(view.series, 'lastObservedTime'), now);
    count = int(view.series, 'count');
  } else if (count === 0) {
    count = 1;
  }
  const kind = str(view.involvedObject, 'kind').toLowerCase();
  const name = str(view.involvedObject, 'name');
  return [
    lastSeen,
    view.type,
    view.reason,
    name === '' ? kind : `${kind}/${name}`,
    str(view.involvedObject, 'fieldPath'),
    source(view),
    view.message.trim(),
    firstSeen,
    count,
    view.name,
  ];
}

const EVENT_COLUMNS = [
  column('Last Seen', 'How long ago the event was last observed.'),
  column('Type', 'Normal or Warning.'),
  column('Reason', 'A short, machine-readable reason for the event.'),
  column('Object', 'The object the event is about, as kind/name.'),
  wideColumn('Subobject', 'The part of the object the event is about, such as one container of a pod.'),
  wideColumn('Source', 'The component (and host) that reported the event.'),
  column('Message', 'What happened, in words.'),
  wideColumn('First Seen', 'How long ago the event was first observed.'),
  wideColumn('Count', 'How many times the event has occurred.'),
  wideColumn('Name', NAME_COLUMN.description, { format: 'name' }),
];

export const eventPrinter: TableConvertor = {
  columns: EVENT_COLUMNS,
  row: (event, now) => eventRow(coreView(event), now),
};

export const eventsV1Printer: TableConvertor = {
  columns: EVENT_COLUMNS,
  row: (event, now) => eventRow(eventsView(event), now),
};
