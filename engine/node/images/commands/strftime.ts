// strftime for the lab clock, in UTC (containers run with TZ unset): the conversions date(1) users type.

const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const two = (n: number): string => String(n).padStart(2, '0');

export function formatDate(ms: number, format: string): string {
  const date = new Date(ms);
  const day = date.getUTCDay();
  const month = date.getUTCMonth();
  const hours = date.getUTCHours();
  const start = Date.UTC(date.getUTCFullYear(), 0, 1);
  const conversions: Record<string, () => string> = {
    a: () => days[day]!.slice(0, 3),
    A: () => days[day]!,
    b: () => months[month]!.slice(0, 3),
    h: () => months[month]!.slice(0, 3),
    B: () => months[month]!,
    c: () => formatDate(ms, '%a %b %e %H:%M:%S %Y'),
    C: () => two(Math.floor(date.getUTCFullYear() / 100)),
    d: () => two(date.getUTCDate()),
    D: () => formatDate(ms, '%m/%d/%y'),
    e: () => String(date.getUTCDate()).padStart(2),
    F: () => formatDate(ms, '%Y-%m-%d'),
    H: () => two(hours),
    I: () => two(hours % 12 || 12),
    j: () => String(Math.floor((ms - start) / 86_400_000) + 1).padStart(3, '0'),
    k: () => String(hours).padStart(2),
    m: () => two(month + 1),
    M: () => two(date.getUTCMinutes()),
    n: () => '\n',
    N: () => String(date.getUTCMilliseconds() * 1_000_000).padStart(9, '0'),
    p: () => (hours < 12 ? 'AM' : 'PM'),
    r: () => formatDate(ms, '%I:%M:%S %p'),
    R: () => formatDate(ms, '%H:%M'),
    s: () => String(Math.floor(ms / 1000)),
    S: () => two(date.getUTCSeconds()),
    t: () => '\t',
    T: () => formatDate(ms, '%H:%M:%S'),
    u: () => String(day || 7),
    w: () => String(day),
    y: () => two(date.getUTCFullYear() % 100),
    Y: () => String(date.getUTCFullYear()),
    z: () => '+0000',
    Z: () => 'UTC',
    '%': () => '%',
  };
  return format.replace(/%([a-zA-Z%])/g, (match, letter: string) => conversions[letter]?.() ?? match);
}
