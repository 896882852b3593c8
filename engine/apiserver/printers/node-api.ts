// Table columns of the node.k8s.io API group: RuntimeClass, with the runtime handler it selects.

import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import { str } from './read.ts';
import { age } from './time.ts';

const runtimeClassPrinter: TableConvertor = {
  columns: [NAME_COLUMN, column('Handler', 'The container runtime handler that runs pods of this class.'), AGE_COLUMN],
  row: (rc, now) => [rc.metadata.name ?? '', str(rc, 'handler'), age(rc, now)],
};

export const nodeApiPrinters: Readonly<Record<string, TableConvertor>> = {
  RuntimeClass: runtimeClassPrinter,
};
