// Table columns of the coordination.k8s.io API group: Lease, with the identity of its holder.

import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import { str } from './read.ts';
import { age } from './time.ts';

const leasePrinter: TableConvertor = {
  columns: [NAME_COLUMN, column('Holder', 'Who holds the lease.'), AGE_COLUMN],
  row: (lease, now) => [lease.metadata.name ?? '', str(lease.spec, 'holderIdentity'), age(lease, now)],
};

export const coordinationPrinters: Readonly<Record<string, TableConvertor>> = {
  Lease: leasePrinter,
};
