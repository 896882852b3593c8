// Quantities as the API server writes them back: every ResourceList value rounded up to milli precision
// (SetDefaults_ResourceList) and every quantity in canonical form ("1024Mi" → "1Gi", "0.5" → "500m"). Values that
// are not quantities are left alone for validation to report.

import { Quantity } from '../../api/quantity.ts';
import { isRecord } from '../validation/access.ts';
import type { Json } from '../validation/access.ts';

function parse(value: unknown): Quantity | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : undefined;
  if (text === undefined) return undefined;
  try {
    return Quantity.parse(text);
  } catch {
    return undefined;
  }
}

/** The canonical text of a quantity field (unchanged when it is not a quantity). */
export function canonicalQuantityValue(value: unknown): unknown {
  return parse(value)?.toString() ?? value;
}

/** A ResourceList value: rounded up to whole milli-units, then canonical. */
function roundedQuantity(value: unknown): unknown {
  const q = parse(value);
  if (!q) return value;
  const milli = q.milliValue();
  if (!Number.isSafeInteger(milli)) return q.toString();
  const rounded = Quantity.parse(`${milli}m`);
  return (rounded.cmp(q) === 0 ? q : rounded).toString();
}

/** Canonicalises every value of the ResourceList at parent[key], when present. */
export function defaultResourceList(parent: Json, key: string): void {
  const list = parent[key];
  if (!isRecord(list)) return;
  for (const name of Object.keys(list)) list[name] = roundedQuantity(list[name]);
}
