// Timestamps as each server writes them in its logs (all in UTC, as containers run).

import { formatDate } from '../commands/strftime.ts';

const micros = (ms: number): string => String(Math.floor((ms % 1000) * 1000)).padStart(6, '0');
const millis = (ms: number): string => String(Math.floor(ms % 1000)).padStart(3, '0');

/**
 * A format of whole seconds, remembering the last second it formatted: thousands of containers starting in the same
 * lab second share one string.
 */
function perSecond(format: string): (ms: number) => string {
  let second = NaN;
  let text = '';
  return (ms) => {
    const now = Math.floor(ms / 1000);
    if (now !== second) {
      second = now;
      text = formatDate(now * 1000, format);
    }
    return text;
  };
}

const apacheSeconds = perSecond('%a %b %d %H:%M:%S');
const year = perSecond('%Y');
const klogSeconds = perSecond('%m%d %H:%M:%S');
const redisSeconds = perSecond('%d %b %Y %H:%M:%S');
const isoSeconds = perSecond('%Y-%m-%d %H:%M:%S');
const rfc3339Seconds = perSecond('%Y-%m-%dT%H:%M:%S');

/** nginx error log: 2026/11/23 10:00:00 */
export const nginxTime = perSecond('%Y/%m/%d %H:%M:%S');

/** Common Log Format: 23/Nov/2026:10:00:00 +0000 */
export const clfTime = perSecond('%d/%b/%Y:%H:%M:%S +0000');

/** Apache error log: Mon Nov 23 10:00:00.123456 2026 */
export const apacheTime = (ms: number): string => `${apacheSeconds(ms)}.${micros(ms)} ${year(ms)}`;

/** klog header time: 1123 10:00:00.123456 (after the severity letter) */
export const klogTime = (ms: number): string => `${klogSeconds(ms)}.${micros(ms)}`;

/** redis: 23 Nov 2026 10:00:00.123 */
export const redisTime = (ms: number): string => `${redisSeconds(ms)}.${millis(ms)}`;

/** PostgreSQL: 2026-11-23 10:00:00.123 UTC */
export const postgresTime = (ms: number): string => `${isoSeconds(ms)}.${millis(ms)} UTC`;

/** RFC 3339 with microseconds (etcd's zap logger): 2026-11-23T10:00:00.123456Z */
export const rfc3339Micro = (ms: number): string => `${rfc3339Seconds(ms)}.${micros(ms)}Z`;

/** HTTP Date header: Mon, 23 Nov 2026 10:00:00 GMT */
export const httpDate = perSecond('%a, %d %b %Y %H:%M:%S GMT');
