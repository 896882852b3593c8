import { describe, expect, it } from 'vitest';
import type { LogLine } from '../runtime/container-log.ts';
import { rfc3339Nano } from './go-time.ts';
import { selectLines } from './log-selection.ts';

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
const lines: LogLine[] = [
  { time: T0, stream: 'stdout', text: 'one', newline: true },
  { time: T0 + 1500, stream: 'stderr', text: 'two', newline: true },
  { time: T0 + 3000, stream: 'stdout', text: 'three', newline: true },
  { time: T0 + 4000, stream: 'stdout', text: 'partial', newline: false },
];

describe('selectLines', () => {
  it.each([
    ['everything by default', {}, 'one\ntwo\nthree\npartial'],
    ['the last lines with tailLines', { tailLines: 2 }, 'three\npartial'],
    ['nothing with tailLines 0', { tailLines: 0 }, ''],
    ['lines from a time on with since', { since: T0 + 1500 }, 'two\nthree\npartial'],
    ['tail first, then since', { tailLines: 3, since: T0 + 3000 }, 'three\npartial'],
    ['at most limitBytes', { limitBytes: 6 }, 'one\ntw'],
    [
      'timestamps in front of each line',
      { tailLines: 2, timestamps: true },
      '2024-05-01T10:00:03.000000000Z three\n2024-05-01T10:00:04.000000000Z partial',
    ],
  ])('gives %s', (_name, selection, expected) => {
    expect(selectLines(lines, selection)).toBe(expected);
  });
});

describe('rfc3339Nano', () => {
  it.each([
    ['drops a zero fraction', T0, '2024-05-01T10:00:00Z'],
    ['drops trailing zeros of the fraction', T0 + 1500, '2024-05-01T10:00:01.5Z'],
    ['keeps sub-millisecond digits', T0 + 0.25, '2024-05-01T10:00:00.00025Z'],
  ])('%s', (_name, ms, expected) => {
    expect(rfc3339Nano(ms)).toBe(expected);
  });
});
