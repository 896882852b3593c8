// Wall-clock time in a time zone, as Go's time package gives it to the cron library: the local fields of an instant,
// the instant of local fields (time.Date, with its normalisation and its choice at daylight-saving transitions), and
// RFC 3339 with the zone's offset. UTC needs no zone data; other zones come from the runtime's IANA database.

export interface LocalTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function isUTC(zone: string | undefined): boolean {
  return zone === undefined || zone === '' || zone === 'UTC';
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC (ms, east positive) at an instant. */
export function zoneOffsetMs(zone: string | undefined, instant: number): number {
  if (isUTC(zone)) return 0;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(zone!).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const local = Date.UTC(
    fields['year']!,
    fields['month']! - 1,
    fields['day']!,
    fields['hour']!,
    fields['minute']!,
    fields['second']!,
  );
  return local - Math.floor(instant / 1000) * 1000;
}

/** The wall-clock fields of an instant in a zone. */
export function localTime(instant: number, zone: string | undefined): LocalTime {
  const d = new Date(instant + zoneOffsetMs(zone, instant));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/**
 * time.Date: the instant of wall-clock fields in a zone; out-of-range fields carry over (month 13 is January of the
 * next year). A time skipped or repeated by a daylight-saving change resolves as Go's does: the offset in force at
 * the wall-clock time read as UTC, replaced by the offset at the result when that one differs (a skipped 02:30 becomes
 * 01:30 before the change).
 */
export function dateIn(
  zone: string | undefined,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  const asUTC = d.getTime();
  if (isUTC(zone)) return asUTC;
  let offset = zoneOffsetMs(zone, asUTC);
  const corrected = zoneOffsetMs(zone, asUTC - offset);
  if (corrected !== offset) offset = corrected;
  return asUTC - offset;
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** time.RFC3339 of an instant in a zone: "2024-05-01T10:00:00Z", or with the zone's offset ("…+02:00"). */
export function formatRFC3339In(instant: number, zone: string | undefined): string {
  const t = localTime(instant, zone);
  const date = `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
  const offsetMinutes = Math.round(zoneOffsetMs(zone, instant) / 60_000);
  if (offsetMinutes === 0) return `${date}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${date}${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123Z of an instant in UTC: "Wed, 01 May 2024 10:00:00 +0000". */
export function formatRFC1123ZUTC(instant: number): string {
  const t = localTime(instant, undefined);
  return `${WEEKDAYS[t.weekday]}, ${pad(t.day)} ${MONTHS[t.month - 1]} ${pad(t.year, 4)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} +0000`;
}
