// Table columns of the scheduling.k8s.io API group: PriorityClass.

import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import { bool, int, str } from './read.ts';
import { age } from './time.ts';

const priorityClassPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Value', 'The priority pods of this class get; higher runs first.', { type: 'integer' }),
    column('Global-Default', 'Whether pods without a priority class get this one.', { type: 'boolean' }),
    AGE_COLUMN,
    column('PreemptionPolicy', 'Whether pods of this class may preempt pods of lower priority.'),
  ],
  row: (pc, now) => [
    pc.metadata.name ?? '',
    int(pc, 'value'),
    bool(pc, 'globalDefault'),
    age(pc, now),
    str(pc, 'preemptionPolicy'),
  ],
};

export const schedulingPrinters: Readonly<Record<string, TableConvertor>> = {
  PriorityClass: priorityClassPrinter,
};
