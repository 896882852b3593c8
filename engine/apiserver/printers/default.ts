// The table every kind without its own columns gets (upstream's default table convertor): the name and the
// creation time as an RFC 3339 timestamp in UTC, shown by kubectl as NAME and CREATED AT.

import type { TableConvertor } from '../registry/resource-definition.ts';
import { column, NAME_COLUMN } from './columns.ts';
import { timestampOf } from './time.ts';

/** Go's zero time printed as RFC 3339, which upstream shows for an object without a creation timestamp. */
const ZERO_TIME_TEXT = '0001-01-01T00:00:00Z';

function createdAt(value: unknown): string {
  const ms = timestampOf(value);
  return ms === undefined ? ZERO_TIME_TEXT : new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

export const defaultPrinter: TableConvertor = {
  columns: [NAME_COLUMN, column('Created At', 'When the object was created.', { type: 'date' })],
  row: (obj) => [obj.metadata.name ?? '', createdAt(obj.metadata.creationTimestamp)],
};
