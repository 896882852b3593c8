// Recording Events, as client-go's record package does for every component: an Event about an object, from a source
// (kubelet on node-1, default-scheduler, deployment-controller…), written to the API in the background. Repeats of the
// same event within ten minutes update the first one's count and lastTimestamp instead of creating another, so
// `kubectl get events` shows "x5" the way a real cluster does; similar events are combined and a source's events
// about one object rate-limited as client-go's EventCorrelator does (event-correlator.ts).

import type { KubeObject } from '../api/object.ts';
import { rfc3339 } from '../api/json.ts';
import type { Clock } from '../lab/clock.ts';
import type { CorrelatedEvent } from './event-correlator.ts';
import { EventCorrelator } from './event-correlator.ts';
import type { InProcessClient } from './in-process-client.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  component: string;
  /** The node, for node-local components (kubelet, kube-proxy). */
  host?: string;
}

interface Recorded {
  name: string;
  namespace: string;
  count: number;
  firstTimestamp: string;
  /** Virtual ms when it was last seen. */
  lastSeen: number;
}

const AGGREGATION_WINDOW_MS = 10 * 60 * 1000;
const MAX_REMEMBERED = 4096;

function referenceOf(obj: KubeObject, fieldPath?: string): Record<string, unknown> {
  const ref: Record<string, unknown> = {
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    uid: obj.metadata.uid,
    apiVersion: obj.apiVersion,
    resourceVersion: obj.metadata.resourceVersion,
  };
  if (fieldPath) ref['fieldPath'] = fieldPath;
  for (const key of Object.keys(ref)) if (ref[key] === undefined || ref[key] === '') delete ref[key];
  return ref;
}

/** Events written by this process so far: makes names unique within a millisecond across all recorders. */
let eventsNamed = 0n;

/** A name suffix like upstream's (nanoseconds in hex), the sub-millisecond digits counting events instead. */
function eventSuffix(nowMs: number): string {
  eventsNamed++;
  return (BigInt(Math.floor(nowMs)) * 1_000_000n + (eventsNamed % 1_000_000n)).toString(16);
}

export class EventRecorder {
  private readonly recent = new Map<string, Recorded>();
  private readonly correlator: EventCorrelator;

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly source: EventSource,
  ) {
    this.correlator = new EventCorrelator(clock);
  }

  /** Records an event about `obj`; never throws and never waits (events are best effort, as upstream). */
  event(obj: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    void this.record(obj, type, reason, message, fieldPath).catch(() => undefined);
  }

  private async record(
    obj: KubeObject,
    type: EventType,
    reason: string,
    message: string,
    fieldPath?: string,
  ): Promise<void> {
    const now = this.clock.now();
    const timestamp = rfc3339(now);
    const namespace = obj.metadata.namespace || 'default';
    const correlated: CorrelatedEvent = {
      source: { ...this.source },
      involvedObject: referenceOf(obj, fieldPath),
      type,
      reason,
      message,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    };
    const aggregation = this.correlator.aggregate(correlated);
    const key = aggregation.aggregate
      ? aggregation.key
      : [obj.metadata.uid, fieldPath ?? '', type, reason, message].join('\u0000');
    const seen = this.recent.get(key);
    const repeat = seen !== undefined && now - seen.lastSeen < AGGREGATION_WINDOW_MS;
    if (repeat) {
      seen.count++;
      seen.lastSeen = now;
    }
    const name = repeat ? seen.name : `${obj.metadata.name ?? 'unknown'}.${eventSuffix(now)}`;
    if (!repeat) this.remember(key, { name, namespace, count: 1, firstTimestamp: timestamp, lastSeen: now });
    // Filtered events still count in the repeats above, as upstream's correlator counts them before filtering.
    if (this.correlator.filter(correlated)) return;
    if (repeat) {
      await this.client.request('PATCH', `/api/v1/namespaces/${seen.namespace}/events/${seen.name}`, {
        contentType: 'application/merge-patch+json',
        body: {
          count: seen.count,
          lastTimestamp: timestamp,
          message: aggregation.aggregate ? aggregation.message : message,
        },
      });
      return;
    }
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: correlated.involvedObject,
      reason,
      message: aggregation.aggregate ? aggregation.message : message,
      source: correlated.source,
      firstTimestamp: timestamp,
      lastTimestamp: timestamp,
      count: 1,
      type,
    };
    // A combined event is a new one built from the event's object, reason and source alone.
    if (!aggregation.aggregate) {
      event['reportingComponent'] = correlated.reportingComponent;
      event['reportingInstance'] = correlated.reportingInstance;
    }
    await this.client.request('POST', `/api/v1/namespaces/${namespace}/events`, { body: event });
  }

  private remember(key: string, recorded: Recorded): void {
    this.recent.set(key, recorded);
    if (this.recent.size > MAX_REMEMBERED) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
  }
}
