// printf FORMAT [ARG…]: %s %b %c %d %i %u %o %x %X %f %e %g %% with flags, width and precision; the format is
// reused until the arguments are consumed.

import type { Command } from '../process/command.ts';
import { writeError } from './command-kit.ts';
import { unescape } from './escapes.ts';

const conversion = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([sbcdiouxXfeEgG%])/g;

function pad(text: string, flags: string, width: number | undefined): string {
  if (width === undefined || text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width);
  if (flags.includes('0') && /^[-+]?\d/.test(text)) {
    const sign = /^[-+]/.test(text) ? text[0]! : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}

function toNumber(arg: string): number | undefined {
  if (arg === '') return 0;
  if (/^['"]/.test(arg)) return arg.codePointAt(1) ?? 0;
  const value = /^[-+]?0[xX]/.test(arg) ? parseInt(arg, 16) : Number(arg);
  return Number.isNaN(value) ? undefined : value;
}

export const printfCommand: Command = async (context) => {
  const [format, ...args] = context.argv.slice(1);
  if (format === undefined) {
    await context.stderr.write('printf: usage: printf format [arguments]\n');
    return 1;
  }
  let status = 0;
  let out = '';
  let index = 0;
  const nextArg = (): string => args[index++] ?? '';
  do {
    const start = index;
    let stopped = false;
    out += unescape(format.replace(/%%/g, '\0pct\0'), false)
      .text.split('\0pct\0')
      .map((chunk) =>
        chunk.replace(
          conversion,
          (_match, flags: string, widthText?: string, precisionText?: string, kind?: string) => {
            if (stopped) return '';
            const width =
              widthText === '*' ? Number(nextArg()) : widthText === undefined ? undefined : Number(widthText);
            const precision =
              precisionText === '*'
                ? Number(nextArg())
                : precisionText === undefined
                  ? undefined
                  : Number(precisionText);
            const arg = nextArg();
            switch (kind) {
              case 's':
                return pad(precision === undefined ? arg : arg.slice(0, precision), flags, width);
              case 'b': {
                const result = unescape(arg, true);
                if (result.stop) stopped = true;
                return pad(result.text, flags, width);
              }
              case 'c':
                return pad(arg.slice(0, 1), flags, width);
              default: {
                const value = toNumber(arg);
                if (value === undefined) {
                  void writeError(context, `invalid number '${arg}'`);
                  status = 1;
                }
                return pad(formatNumber(value ?? 0, kind!, flags, precision), flags, width);
              }
            }
          },
        ),
      )
      .join('%');
    if (stopped || index === start) break;
  } while (index < args.length);
  await context.stdout.write(out);
  return status;
};

function formatNumber(value: number, kind: string, flags: string, precision: number | undefined): string {
  const sign = value >= 0 ? (flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') : '';
  switch (kind) {
    case 'd':
    case 'i':
    case 'u':
      return sign + String(Math.trunc(value));
    case 'o':
      return Math.trunc(value).toString(8);
    case 'x':
      return Math.trunc(value).toString(16);
    case 'X':
      return Math.trunc(value).toString(16).toUpperCase();
    case 'f':
      return sign + value.toFixed(precision ?? 6);
    case 'e':
    case 'E': {
      const text = value.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      return sign + (kind === 'E' ? text.toUpperCase() : text);
    }
    default:
      return sign + String(Number(value.toPrecision(precision || 6)));
  }
}
