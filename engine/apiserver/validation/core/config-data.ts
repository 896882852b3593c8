// ConfigMaps and Secrets (ValidateConfigMap*, ValidateSecret*): keys that can be file names, at most 1 MiB of data,
// the typed secrets' required keys, and data that freezes once `immutable` is set.

import { deepEqual } from '../../../api/json.ts';
import { FieldPath, forbiddenField, invalidValue, required, tooLong } from '../../errors/field-error.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { record, recordOrEmpty, sortedKeys, str, stringMap } from '../access.ts';
import type { Json } from '../access.ts';
import { isConfigMapKey } from '../formats.ts';
import { invalidEach, validateImmutableField } from '../generic.ts';

const MAX_CONFIG_DATA_SIZE = 1024 * 1024;
const REDACTED = '<secret contents redacted>';

/** Bytes a base64 string (as `data` values travel in JSON) decodes to, or an error like Go's decoder. */
function decodedSize(value: string): { size: number } | { error: string } {
  const bad = value.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return { error: `illegal base64 data at input byte ${bad}` };
  if (value.length % 4 !== 0)
    return { error: `illegal base64 data at input byte ${value.length - (value.length % 4)}` };
  return { size: Buffer.from(value, 'base64').length };
}

/** Go's encoding/json error for data that is not a JSON object (what dockercfg secrets must hold). */
function jsonObjectError(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || (typeof parsed === 'object' && !Array.isArray(parsed))) return undefined;
    const kind = Array.isArray(parsed) ? 'array' : typeof parsed === 'boolean' ? 'bool' : typeof parsed;
    return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
  } catch {
    const first = text.trimStart()[0];
    if (first === undefined || /[{["\-0-9tfn]/.test(first)) return 'unexpected end of JSON input';
    return `invalid character '${first}' looking for beginning of value`;
  }
}

export function validateConfigMap(cm: Json): FieldError[] {
  const errs: FieldError[] = [];
  const data = stringMap(cm.data);
  const binary = recordOrEmpty(cm.binaryData);
  let total = 0;
  for (const key of Object.keys(data)) {
    const at = FieldPath.root('data').key(key);
    errs.push(...invalidEach(at, key, isConfigMapKey(key)));
    if (key in binary) errs.push(invalidValue(at, key, 'duplicate of key present in binaryData'));
    total += Buffer.byteLength(data[key] ?? '', 'utf8');
  }
  for (const key of sortedKeys(binary)) {
    const at = FieldPath.root('binaryData').key(key);
    errs.push(...invalidEach(at, key, isConfigMapKey(key)));
    const decoded = decodedSize(str(binary[key]));
    if ('error' in decoded) errs.push(invalidValue(at, '<value omitted>', decoded.error));
    else total += decoded.size;
  }
  if (total > MAX_CONFIG_DATA_SIZE) errs.push(tooLong(FieldPath.root(''), MAX_CONFIG_DATA_SIZE));
  return errs;
}

/** Once `immutable: true` is stored, neither the flag nor the listed data fields may change. */
function validateImmutableData(next: Json, old: Json, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  const frozen = 'field is immutable when `immutable` is set';
  if (next.immutable !== true) errs.push(forbiddenField(FieldPath.root('immutable'), frozen));
  for (const field of fields) {
    if (!deepEqual(next[field] ?? null, old[field] ?? null)) errs.push(forbiddenField(FieldPath.root(field), frozen));
  }
  return errs;
}

export function validateConfigMapUpdate(cm: Json, old: Json): FieldError[] {
  return [...validateImmutableData(cm, old, ['data', 'binaryData']), ...validateConfigMap(cm)];
}

function requireKeys(data: Json, keys: string[]): FieldError[] {
  return keys.filter((k) => !(k in data)).map((k) => required(FieldPath.root('data').key(k)));
}

function validateSecretType(secret: Json, data: Json, decoded: Map<string, Buffer>): FieldError[] {
  const type = str(secret.type);
  const dataPath = FieldPath.root('data');
  switch (type) {
    case 'kubernetes.io/service-account-token': {
      const annotations = stringMap(recordOrEmpty(secret.metadata).annotations);
      const key = 'kubernetes.io/service-account.name';
      return (annotations[key] ?? '') === ''
        ? [required(FieldPath.root('metadata').child('annotations').key(key))]
        : [];
    }
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!(key in data)) return [required(dataPath.key(key))];
      const error = jsonObjectError(decoded.get(key) ?? Buffer.alloc(0));
      return error ? [invalidValue(dataPath.key(key), REDACTED, error)] : [];
    }
    case 'kubernetes.io/basic-auth':
      return !('username' in data) && !('password' in data) ? requireKeys(data, ['username', 'password']) : [];
    case 'kubernetes.io/ssh-auth':
      return (decoded.get('ssh-privatekey')?.length ?? 0) === 0 ? [required(dataPath.key('ssh-privatekey'))] : [];
    case 'kubernetes.io/tls':
      return requireKeys(data, ['tls.crt', 'tls.key']);
    default:
      return [];
  }
}

export function validateSecret(secret: Json): FieldError[] {
  const errs: FieldError[] = [];
  const data = record(secret.data) ?? {};
  const decoded = new Map<string, Buffer>();
  let total = 0;
  for (const key of sortedKeys(data)) {
    const at = FieldPath.root('data').key(key);
    errs.push(...invalidEach(at, key, isConfigMapKey(key)));
    const value = str(data[key]);
    const size = decodedSize(value);
    if ('error' in size) errs.push(invalidValue(at, REDACTED, size.error));
    else {
      total += size.size;
      decoded.set(key, Buffer.from(value, 'base64'));
    }
  }
  if (total > MAX_CONFIG_DATA_SIZE) errs.push(tooLong(FieldPath.root('data'), MAX_CONFIG_DATA_SIZE));
  errs.push(...validateSecretType(secret, data, decoded));
  return errs;
}

export function validateSecretUpdate(secret: Json, old: Json): FieldError[] {
  return [
    ...validateImmutableField(str(secret.type), str(old.type), FieldPath.root('type')),
    ...validateImmutableData(secret, old, ['data']),
    ...validateSecret(secret),
  ];
}
