// What client-go's EventCorrelator decides before an event is written (tools/record/events_cache.go), besides counting
// repeats: similar events — same source, object, type and reason — with ten different messages within ten minutes
// are combined into one "(combined from similar events): …" event that later ones update; and a source may send a
// burst of 25 events about one object, then one every five minutes (the spam filter), so a controller creating a
// thousand pods records a few dozen events about its ReplicaSet rather than a thousand.

import type { Clock } from '../lab/clock.ts';
import { TokenBucket } from './token-bucket.ts';

/** The fields of an event the correlator looks at. */
export interface CorrelatedEvent {
  source: { component: string; host?: string };
  involvedObject: Record<string, unknown>;
  type: string;
  reason: string;
  message: string;
  reportingComponent: string;
  reportingInstance: string;
}

/** How many entries each cache keeps (maxLruCacheEntries). */
const CACHE_SIZE = 4096;
/** Distinct messages within the interval before similar events are combined (defaultAggregateMaxEvents). */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600 * 1000;
/** The spam filter's token bucket per source and object (defaultSpamBurst, defaultSpamQPS). */
const SPAM_BURST = 25;
const SPAM_QPS = 1 / 300;
export const AGGREGATE_MESSAGE_PREFIX = '(combined from similar events): ';

/** A map that forgets its least recently used entry beyond `size` (groupcache's lru). */
class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly size: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }
}

const ref = (event: CorrelatedEvent, field: string): string => String(event.involvedObject[field] ?? '');

/** getSpamKey: source and object. */
function spamKey(event: CorrelatedEvent): string {
  return [
    event.source.component,
    event.source.host ?? '',
    ref(event, 'kind'),
    ref(event, 'namespace'),
    ref(event, 'name'),
    ref(event, 'uid'),
    ref(event, 'apiVersion'),
  ].join('\u0000');
}

/** EventAggregatorByReasonFunc's aggregate key: source, object, type, reason and reporter. */
function aggregateKey(event: CorrelatedEvent): string {
  return [spamKey(event), event.type, event.reason, event.reportingComponent, event.reportingInstance].join('\u0000');
}

export type Aggregation =
  /** Record the event as it is. */
  | { aggregate: false }
  /** Record, or count up, the combined event kept under `key`, with this message. */
  | { aggregate: true; key: string; message: string };

interface AggregateRecord {
  localKeys: Set<string>;
  lastSeen: number;
}

export class EventCorrelator {
  private readonly aggregates = new LruCache<AggregateRecord>(CACHE_SIZE);
  private readonly spam = new LruCache<TokenBucket>(CACHE_SIZE);

  constructor(private readonly clock: Clock) {}

  /** EventAggregate: whether the event is one too many similar ones and joins their combined event. */
  aggregate(event: CorrelatedEvent): Aggregation {
    const now = this.clock.now();
    const key = aggregateKey(event);
    let record = this.aggregates.get(key);
    if (!record || now - record.lastSeen > AGGREGATE_INTERVAL_MS) record = { localKeys: new Set(), lastSeen: now };
    record.localKeys.add(event.message);
    record.lastSeen = now;
    this.aggregates.set(key, record);
    if (record.localKeys.size < AGGREGATE_MAX_EVENTS) return { aggregate: false };
    // The set never grows beyond the maximum.
    record.localKeys.delete(record.localKeys.values().next().value!);
    return { aggregate: true, key, message: AGGREGATE_MESSAGE_PREFIX + event.message };
  }

  /** The spam filter: true when the event must not be written. */
  filter(event: CorrelatedEvent): boolean {
    const key = spamKey(event);
    let bucket = this.spam.get(key);
    if (!bucket) bucket = new TokenBucket(SPAM_QPS, SPAM_BURST, this.clock);
    const accepted = bucket.tryAccept();
    this.spam.set(key, bucket);
    return !accepted;
  }
}
