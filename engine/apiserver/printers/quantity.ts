// Quantities as tables print them: Quantity.String() of the value, "0" for a missing one, and a value that is not a
// quantity as it was written.

import { canonicalQuantity, isValidQuantity } from '../../api/quantity.ts';

/** A quantity field printed as Quantity.String() does; a missing quantity is the zero quantity "0". */
export function formatQuantity(value: unknown): string {
  if (value === undefined || value === null) return '0';
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  return isValidQuantity(text) ? canonicalQuantity(text) : text;
}
