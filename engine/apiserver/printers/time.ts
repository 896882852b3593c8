// Timestamps in API objects (RFC 3339, as metav1.Time and metav1.MicroTime serialise them) and the age-like cells
// built from them against the lab's virtual `now`.

import type { KubeObject } from '../../api/object.ts';
import { humanDuration } from './duration.ts';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Go's zero time.Time (0001-01-01T00:00:00Z), which Kubernetes treats as "no timestamp". */
export const ZERO_TIME = utcMillis(1, 1, 1, 0, 0, 0, 0);

function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number) {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/** Milliseconds since the epoch of an RFC 3339 timestamp, or undefined when it is not one (Go's time.RFC3339). */
export function parseRfc3339(text: string): number | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [offsetHours, offsetMinutes] = [Number(match[10] ?? 0), Number(match[11] ?? 0)];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const fraction = match[7] === undefined ? 0 : Number(match[7].slice(1, 4).padEnd(3, '0'));
  const local = utcMillis(year, month, day, hour, minute, second, fraction);
  if (new Date(local).getUTCDate() !== day) return undefined;
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return match[9] === '-' ? local + offset : local - offset;
}

/** The instant a timestamp field holds; undefined when it is missing, unparseable or Go's zero time. */
export function timestampOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = parseRfc3339(value);
  return ms === ZERO_TIME ? undefined : ms;
}

/** How long ago a timestamp was ("5m", "3d4h"), or "<unknown>" when there is none. */
export function since(value: unknown, now: number): string {
  const ms = timestampOf(value);
  return ms === undefined ? '<unknown>' : humanDuration(now - ms);
}

/** The AGE cell: how long ago the object was created. */
export function age(obj: KubeObject, now: number): string {
  return since(obj.metadata.creationTimestamp, now);
}
