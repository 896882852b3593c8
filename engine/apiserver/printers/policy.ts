// Table columns of the policy API group: PodDisruptionBudget, whose budgets are ints or percentages.

import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import { field, int } from './read.ts';
import { age } from './time.ts';

/** An int-or-string field as IntOrString.String() prints it, "N/A" when unset. */
function intOrString(value: unknown): string {
  if (typeof value === 'number') return String(Math.trunc(value));
  return typeof value === 'string' ? value : 'N/A';
}

const podDisruptionBudgetPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Min Available', 'How many (or what share of) the pods must stay available.'),
    column('Max Unavailable', 'How many (or what share of) the pods may be unavailable.'),
    column('Allowed Disruptions', 'How many pods may be evicted right now.', { type: 'integer' }),
    AGE_COLUMN,
  ],
  row: (pdb, now) => [
    pdb.metadata.name ?? '',
    intOrString(field(pdb.spec, 'minAvailable')),
    intOrString(field(pdb.spec, 'maxUnavailable')),
    int(pdb.status, 'disruptionsAllowed'),
    age(pdb, now),
  ],
};

export const policyPrinters: Readonly<Record<string, TableConvertor>> = {
  PodDisruptionBudget: podDisruptionBudgetPrinter,
};
