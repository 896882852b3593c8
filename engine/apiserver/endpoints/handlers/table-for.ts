// The table convertor of a resource: its own columns, or the default (Name, Created At) when it declares none.

import { printerFor } from '../../printers/index.ts';
import type { ResourceStore } from '../../registry/generic/resource-store.ts';
import type { TableConvertor } from '../../registry/resource-definition.ts';

export function tableFor(store: ResourceStore): TableConvertor {
  return store.definition.table ?? printerFor(store.definition.group, store.definition.kind);
}
