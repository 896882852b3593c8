// Recording Events, as client-go's record package does for every component: an Event about an object, from a source
// (kubelet on node-1, default-scheduler, deployment-controller…), written to the API in the background. Repeats of the
// same event within ten minutes update the first one's count and lastTimestamp instead of creating another (the
// EventCorrelator's aggregation), so `kubectl get events` shows "x5" the way a real cluster does.

import type { KubeObject } from '../api/object.ts';
import { isPlainObject } from '../api/object.ts';
import { rfc3339 } from '../api/json.ts';
import type { Clock } from '../lab/clock.ts';
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

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly source: EventSource,
  ) {}

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
    const key = [obj.metadata.uid, fieldPath ?? '', type, reason, message].join('\u0000');
    const seen = this.recent.get(key);
    if (seen && now - seen.lastSeen < AGGREGATION_WINDOW_MS) {
      seen.count++;
      seen.lastSeen = now;
      await this.client.request('PATCH', `/api/v1/namespaces/${seen.namespace}/events/${seen.name}`, {
        contentType: 'application/merge-patch+json',
        body: { count: seen.count, lastTimestamp: timestamp },
      });
      return;
    }
    const name = `${obj.metadata.name ?? 'unknown'}.${eventSuffix(now)}`;
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: referenceOf(obj, fieldPath),
      reason,
      message,
      source: isPlainObject(this.source) ? { ...this.source } : {},
      firstTimestamp: timestamp,
      lastTimestamp: timestamp,
      count: 1,
      type,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    };
    this.remember(key, { name, namespace, count: 1, firstTimestamp: timestamp, lastSeen: now });
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
