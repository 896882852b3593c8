// Query parameters read into options as k8s.io/apimachinery's runtime conversions read them (Convert_Slice_string_To_*):
// the first value counts; a boolean is false only when absent, "0" or "false"; integers parse as Go's strconv does,
// and a malformed value is a 400 carrying the parser's own words.

import { badRequest } from '../errors/status-error.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const RFC3339_LAYOUT = '2006-01-02T15:04:05Z07:00';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function queryBool(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null) return false;
  return value !== '0' && value.toLowerCase() !== 'false';
}

export function queryString(query: URLSearchParams, name: string): string {
  return query.get(name) ?? '';
}

/** An int64 parameter, or undefined when absent. */
export function queryInt64(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!/^[+-]?\d+$/.test(value)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  const parsed = BigInt(value);
  if (parsed < INT64_MIN || parsed > INT64_MAX) {
    throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(value)}: value out of range`);
  }
  return Number(parsed);
}

/**
 * A metav1.Time parameter as RFC 3339 in UTC, whole seconds (as the kubelet is handed it), or undefined when absent
 * or empty; "null" is the zero time, as older clients sent it.
 */
export function queryTime(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (value === 'null') return '0001-01-01T00:00:00Z';
  const ms = RFC3339.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw badRequest(
      `parsing time ${JSON.stringify(value)} as ${JSON.stringify(RFC3339_LAYOUT)}: cannot parse ${JSON.stringify(value)} as "2006"`,
    );
  }
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
