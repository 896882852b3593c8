// Equality as apimachinery's equality.Semantic sees it for objects read back from the API. In struct-shaped values a
// field that is absent, null, an empty string, an empty list or an empty map equals any other of these (Go's zero
// values and omitempty make them one); in string maps (labels, annotations) every key counts, whatever its value.

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** Deep equality of struct-shaped JSON values, zero values aside. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => semanticEqual(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (!semanticEqual(ra[key], rb[key])) return false;
  }
  return true;
}

/** Equality of two string maps; an absent map is an empty one. */
export function sameStringMap(
  a: Readonly<Record<string, string>> | null | undefined,
  b: Readonly<Record<string, string>> | null | undefined,
): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => b !== null && b !== undefined && k in b && b[k] === a?.[k]);
}
