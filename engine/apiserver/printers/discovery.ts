// Table columns of the discovery.k8s.io API group: EndpointSlice, with its first three ports and addresses.

import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import { list, maybeInt, maybeStr, str } from './read.ts';
import { age } from './time.ts';

/** The first three items joined with commas, "+ N more..." after them, "<unset>" when there are none. */
function firstThree(items: string[]): string {
  const text = items.slice(0, 3).join(',');
  if (items.length > 3) return `${text} + ${items.length - 3} more...`;
  return text === '' ? '<unset>' : text;
}

const endpointSlicePrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('AddressType', 'The kind of addresses the slice holds: IPv4, IPv6 or FQDN.'),
    column('Ports', 'The port numbers (or names) of the endpoints.'),
    column('Endpoints', 'The addresses of the endpoints.'),
    AGE_COLUMN,
  ],
  row: (slice, now) => [
    slice.metadata.name ?? '',
    str(slice, 'addressType'),
    firstThree(list(slice, 'ports').map((p) => String(maybeInt(p, 'port') ?? maybeStr(p, 'name') ?? '*'))),
    firstThree(
      list(slice, 'endpoints').flatMap((e) => list(e, 'addresses').map((a) => (typeof a === 'string' ? a : ''))),
    ),
    age(slice, now),
  ],
};

export const discoveryPrinters: Readonly<Record<string, TableConvertor>> = {
  EndpointSlice: endpointSlicePrinter,
};
