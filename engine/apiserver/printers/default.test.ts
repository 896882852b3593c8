import { describe, expect, it } from 'vitest';
import { defaultPrinter } from './default.ts';

describe('defaultPrinter', () => {
  it('declares Name and Created At, as a date', () => {
    expect(defaultPrinter.columns.map((c) => [c.name, c.type, c.format])).toEqual([
      ['Name', 'string', 'name'],
      ['Created At', 'date', ''],
    ]);
  });

  it.each([
    ['the creation time in UTC', '2025-03-01T13:04:05+01:00', '2025-03-01T12:04:05Z'],
    ['the creation time without fractions of a second', '2025-03-01T12:04:05.123456Z', '2025-03-01T12:04:05Z'],
    ['the zero time when there is no creation time', undefined, '0001-01-01T00:00:00Z'],
  ])('prints %s', (_name, creationTimestamp, want) => {
    const row = defaultPrinter.row({ metadata: { name: 'admin', creationTimestamp } }, 0);
    expect(row).toEqual(['admin', want]);
  });
});
