// Timestamps as each server writes them in its logs (all in UTC, as containers run).

import { formatDate } from '../commands/strftime.ts';

const micros = (ms: number): string => String((ms % 1000) * 1000).padStart(6, '0');

/** nginx error log: 2026/11/23 10:00:00 */
export const nginxTime = (ms: number): string => formatDate(ms, '%Y/%m/%d %H:%M:%S');

/** Common Log Format: 23/Nov/2026:10:00:00 +0000 */
export const clfTime = (ms: number): string => formatDate(ms, '%d/%b/%Y:%H:%M:%S +0000');

/** Apache error log: Mon Nov 23 10:00:00.123456 2026 */
export const apacheTime = (ms: number): string =>
  `${formatDate(ms, '%a %b %d %H:%M:%S')}.${micros(ms)} ${formatDate(ms, '%Y')}`;

/** klog header time: 1123 10:00:00.123456 (after the severity letter) */
export const klogTime = (ms: number): string => `${formatDate(ms, '%m%d %H:%M:%S')}.${micros(ms)}`;

/** redis: 23 Nov 2026 10:00:00.123 */
export const redisTime = (ms: number): string =>
  `${formatDate(ms, '%d %b %Y %H:%M:%S')}.${String(ms % 1000).padStart(3, '0')}`;

/** PostgreSQL: 2026-11-23 10:00:00.123 UTC */
export const postgresTime = (ms: number): string =>
  `${formatDate(ms, '%Y-%m-%d %H:%M:%S')}.${String(ms % 1000).padStart(3, '0')} UTC`;

/** RFC 3339 with microseconds (etcd's zap logger): 2026-11-23T10:00:00.123456Z */
export const rfc3339Micro = (ms: number): string => `${formatDate(ms, '%Y-%m-%dT%H:%M:%S')}.${micros(ms)}Z`;

/** HTTP Date header: Mon, 23 Nov 2026 10:00:00 GMT */
export const httpDate = (ms: number): string => formatDate(ms, '%a, %d %b %Y %H:%M:%S GMT');
