// Table columns of the apiregistration.k8s.io API group: APIService, with the service behind it ("Local" when
// the API server itself serves the group) and whether it is available.

import type { KubeObject } from '../../api/object.ts';
import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import { has, list, str } from './read.ts';
import { age } from './time.ts';

/** The status of the Available condition, with its reason when it is not True; "Unknown" without one. */
function available(apiService: KubeObject): string {
  const condition = list(apiService.status, 'conditions').find((c) => str(c, 'type') === 'Available');
  if (condition === undefined) return 'Unknown';
  const status = str(condition, 'status');
  const reason = str(condition, 'reason');
  return status !== 'True' && reason !== '' ? `${status} (${reason})` : status;
}

const apiServicePrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Service', 'The service that serves the API, or Local when the API server serves it.'),
    column('Available', 'Whether the API can be reached.'),
    AGE_COLUMN,
  ],
  row: (apiService, now) => [
    apiService.metadata.name ?? '',
    has(apiService.spec, 'service')
      ? `${str(apiService.spec, 'service', 'namespace')}/${str(apiService.spec, 'service', 'name')}`
      : 'Local',
    available(apiService),
    age(apiService, now),
  ],
};

export const apiRegistrationPrinters: Readonly<Record<string, TableConvertor>> = {
  APIService: apiServicePrinter,
};
