// JSON text exactly as Go's encoding/json writes it: object keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped.
// FieldsV1 keys (`k:{"name":"nginx"}`, `v:"x"`) and the last-applied annotation are made of it, byte for byte.

const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** A string as Go's encoder quotes it. */
export function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] ?? c);
}

/** Go's encoding of a JSON value; object members with undefined values are left out, as absent fields. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => goJson(v)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue;
    members.push(`${goJsonString(key)}:${goJson(record[key])}`);
  }
  return `{${members.join(',')}}`;
}
