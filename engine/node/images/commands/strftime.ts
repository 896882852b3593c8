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

function convert(letter: string, date: Date, ms: number): string | undefined {
  switch (letter) {
    case 'a':
      return days[date.getUTCDay()]!.slice(0, 3);
    case 'A':
      return days[date.getUTCDay()]!;
    case 'b':
    case 'h':
      return months[date.getUTCMonth()]!.slice(0, 3);
    case 'B':
      return months[date.getUTCMonth()]!;
    case 'c':
      return formatDate(ms, '%a %b %e %H:%M:%S %Y');
    case 'C':
      return two(Math.floor(date.getUTCFullYear() / 100));
    case 'd':
      return two(date.getUTCDate());
    case 'D':
      return formatDate(ms, '%m/%d/%y');
    case 'e':
      return String(date.getUTCDate()).padStart(2);
    case 'F':
      return formatDate(ms, '%Y-%m-%d');
    case 'H':
      return two(date.getUTCHours());
    case 'I':
      return two(date.getUTCHours() % 12 || 12);
    case 'j':
      return String(Math.floor((ms - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1).padStart(3, '0');
    case 'k':
      return String(date.getUTCHours()).padStart(2);
    case 'm':
      return two(date.getUTCMonth() + 1);
    case 'M':
      return two(date.getUTCMinutes());
    case 'n':
      return '\n';
    case 'N':
      return String(date.getUTCMilliseconds() * 1_000_000).padStart(9, '0');
    case 'p':
      return date.getUTCHours() < 12 ? 'AM' : 'PM';
    case 'r':
      return formatDate(ms, '%I:%M:%S %p');
    case 'R':
      return formatDate(ms, '%H:%M');
    case 's':
      return String(Math.floor(ms / 1000));
    case 'S':
      return two(date.getUTCSeconds());
    case 't':
      return '\t';
    case 'T':
      return formatDate(ms, '%H:%M:%S');
    case 'u':
      return String(date.getUTCDay() || 7);
    case 'w':
      return String(date.getUTCDay());
    case 'y':
      return two(date.getUTCFullYear() % 100);
    case 'Y':
      return String(date.getUTCFullYear());
    case 'z':
      return '+0000';
    case 'Z':
      return 'UTC';
    case '%':
      return '%';
  }
  return undefined;
}

export function formatDate(ms: number, format: string): string {
  const date = new Date(ms);
  return format.replace(/%([a-zA-Z%])/g, (match, letter: string) => convert(letter, date, ms) ?? match);
}
