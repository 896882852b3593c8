// Cron schedules as CronJobs accept them (github.com/robfig/cron/v3 ParseStandard): five fields (minute, hour,
// day of month, month, day of week) with ranges, steps, lists and names, the descriptors @yearly … @hourly and
// @every <duration>, and an optional TZ= or CRON_TZ= prefix. Errors carry the library's messages, which the API
// server passes on verbatim.

export class CronScheduleError extends Error {
  override name = 'CronScheduleError';
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DAYS_OF_MONTH: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DAYS_OF_WEEK: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** A parsed schedule: the matching values of each field, or a fixed interval for "@every". */
export type CronSchedule =
  | {
      kind: 'spec';
      timeZone: string | undefined;
      minutes: ReadonlySet<number>;
      hours: ReadonlySet<number>;
      daysOfMonth: ReadonlySet<number>;
      months: ReadonlySet<number>;
      daysOfWeek: ReadonlySet<number>;
      /** Whether day-of-month or day-of-week was "*" (cron then matches on the other field alone). */
      domStar: boolean;
      dowStar: boolean;
    }
  | { kind: 'every'; timeZone: string | undefined; intervalMs: number };

/** Whether Go's time.LoadLocation would find the zone ("", "UTC", "Local" or an IANA name). */
export function isKnownTimeZone(name: string): boolean {
  if (name === '' || name === 'UTC' || name === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** strconv.Atoi plus the library's non-negative check. */
function parseNumber(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr))
    throw new CronScheduleError(
      `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`,
    );
  const n = Number(expr);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 63) {
    throw new CronScheduleError(
      `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`,
    );
  }
  if (n < 0) throw new CronScheduleError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, bounds: Bounds): number {
  const named = bounds.names?.[expr.toLowerCase()];
  return named ?? parseNumber(expr);
}

/** One range expression: "*", "?", "n", "n-m", each optionally "/step". */
function parseRange(expr: string, bounds: Bounds, into: Set<number>): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = bounds.min;
    end = bounds.max;
  } else {
    start = parseIntOrName(lowAndHigh[0] ?? '', bounds);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1] ?? '', bounds);
    else throw new CronScheduleError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseNumber(rangeAndStep[1] ?? '');
    if (lowAndHigh.length === 1) end = bounds.max;
  } else if (rangeAndStep.length > 2) {
    throw new CronScheduleError(`too many slashes: ${expr}`);
  }
  if (start < bounds.min)
    throw new CronScheduleError(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new CronScheduleError(`end of range (${end}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new CronScheduleError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronScheduleError(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) into.add(v);
}

function parseField(field: string, bounds: Bounds): Set<number> {
  const values = new Set<number>();
  for (const expr of field.split(',').filter((e) => e !== '')) parseRange(expr, bounds, values);
  return values;
}

/** Whether a field lists "*" or "?" without a step above 1 (the library's star bit). */
function hasStarRange(field: string): boolean {
  return field.split(',').some((expr) => {
    const [range = '', step] = expr.split('/');
    return (range === '*' || range === '?') && (step === undefined || Number(step) <= 1);
  });
}

function all(bounds: Bounds): Set<number> {
  const values = new Set<number>();
  for (let v = bounds.min; v <= bounds.max; v++) values.add(v);
  return values;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration, in milliseconds. */
function parseGoDuration(text: string): number {
  const invalid = (): CronScheduleError => new CronScheduleError(`time: invalid duration ${JSON.stringify(text)}`);
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw invalid();
  let total = 0;
  while (rest !== '') {
    const number = /^(\d*)(\.\d*)?/.exec(rest);
    const digits = number?.[0] ?? '';
    if (digits === '' || digits === '.') throw invalid();
    rest = rest.slice(digits.length);
    const unit = /^[^\d.]*/.exec(rest)?.[0] ?? '';
    if (unit === '') throw new CronScheduleError(`time: missing unit in duration ${JSON.stringify(text)}`);
    const factor = DURATION_UNITS[unit];
    if (factor === undefined)
      throw new CronScheduleError(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(text)}`);
    total += Number(digits) * factor;
    rest = rest.slice(unit.length);
  }
  return sign * total;
}

function parseDescriptor(descriptor: string, timeZone: string | undefined): CronSchedule {
  const base = {
    kind: 'spec' as const,
    timeZone,
    minutes: new Set([0]),
    hours: new Set([0]),
    domStar: false,
    dowStar: false,
  };
  switch (descriptor) {
    case '@yearly':
    case '@annually':
      return { ...base, daysOfMonth: new Set([1]), months: new Set([1]), daysOfWeek: all(DAYS_OF_WEEK), dowStar: true };
    case '@monthly':
      return { ...base, daysOfMonth: new Set([1]), months: all(MONTHS), daysOfWeek: all(DAYS_OF_WEEK), dowStar: true };
    case '@weekly':
      return { ...base, daysOfMonth: all(DAYS_OF_MONTH), months: all(MONTHS), daysOfWeek: new Set([0]), domStar: true };
    case '@daily':
    case '@midnight':
      return {
        ...base,
        daysOfMonth: all(DAYS_OF_MONTH),
        months: all(MONTHS),
        daysOfWeek: all(DAYS_OF_WEEK),
        domStar: true,
        dowStar: true,
      };
    case '@hourly':
      return {
        ...base,
        hours: all(HOURS),
        daysOfMonth: all(DAYS_OF_MONTH),
        months: all(MONTHS),
        daysOfWeek: all(DAYS_OF_WEEK),
        domStar: true,
        dowStar: true,
      };
  }
  if (descriptor.startsWith('@every ')) {
    try {
      return { kind: 'every', timeZone, intervalMs: parseGoDuration(descriptor.slice('@every '.length)) };
    } catch (error) {
      throw new CronScheduleError(`failed to parse duration ${descriptor}: ${(error as Error).message}`);
    }
  }
  throw new CronScheduleError(`unrecognized descriptor: ${descriptor}`);
}

/** Parses a schedule the way CronJob validation does; throws CronScheduleError with the library's message. */
export function parseCronSchedule(schedule: string): CronSchedule {
  if (schedule.length === 0) throw new CronScheduleError('empty spec string');
  let spec = schedule;
  let timeZone: string | undefined;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    const zone = spec.slice(spec.indexOf('=') + 1, space < 0 ? spec.length : space);
    if (space < 0 || !isKnownTimeZone(zone))
      throw new CronScheduleError(`provided bad location ${zone}: unknown time zone ${zone}`);
    timeZone = zone;
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith('@')) return parseDescriptor(spec, timeZone);
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5)
    throw new CronScheduleError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [minute = '', hour = '', dom = '', month = '', dow = ''] = fields;
  return {
    kind: 'spec',
    timeZone,
    minutes: parseField(minute, MINUTES),
    hours: parseField(hour, HOURS),
    daysOfMonth: parseField(dom, DAYS_OF_MONTH),
    months: parseField(month, MONTHS),
    daysOfWeek: parseField(dow, DAYS_OF_WEEK),
    domStar: hasStarRange(dom),
    dowStar: hasStarRange(dow),
  };
}
