// The downward API's selectors (validateObjectFieldSelector, validateContainerResourceFieldSelector): which pod
// fields and container resources may be exposed as environment variables or files, and the divisors allowed.

import { invalidValue, notSupported, required } from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';
import { record, str } from '../access.ts';
import type { Json } from '../access.ts';
import { validateQualifiedName } from '../generic.ts';
import { tryQuantity } from './quantities.ts';

/** Pod fields the downward API can convert (pods' ConvertDownwardAPIFieldLabel for v1). */
const CONVERTIBLE_FIELDS = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);

export const ENV_FIELD_PATHS: readonly string[] = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];

export const VOLUME_FIELD_PATHS: readonly string[] = [
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
];

const RESOURCE_FIELD_PATHS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];
const HUGEPAGES_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];
const CPU_DIVISORS = new Set(['1m', '1']);
const BYTE_DIVISORS = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);
const BYTE_DIVISORS_TEXT = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

/** "metadata.labels['app']" → ["metadata.labels", "app"]. */
function splitSubscript(fieldPath: string): [string, string] | undefined {
  const m = /^(.+)\['(.*)'\]$/.exec(fieldPath);
  return m ? [m[1] ?? '', m[2] ?? ''] : undefined;
}

export function validateObjectFieldSelector(selector: Json, allowed: readonly string[], path: FieldPath): FieldError[] {
  const apiVersion = str(selector.apiVersion);
  const fieldPath = str(selector.fieldPath);
  if (apiVersion === '') return [required(path.child('apiVersion'))];
  if (fieldPath === '') return [required(path.child('fieldPath'))];
  const subscripted = splitSubscript(fieldPath);
  const base = subscripted ? subscripted[0] : fieldPath;
  let conversionError = '';
  if (apiVersion !== 'v1') conversionError = `unsupported pod version: ${apiVersion}`;
  else if (
    !CONVERTIBLE_FIELDS.has(base) ||
    (subscripted && base !== 'metadata.labels' && base !== 'metadata.annotations')
  ) {
    conversionError = `field label not supported: ${fieldPath}`;
  }
  if (conversionError)
    return [invalidValue(path.child('fieldPath'), fieldPath, `error converting fieldPath: ${conversionError}`)];
  if (subscripted) {
    const [, key] = subscripted;
    return base === 'metadata.annotations'
      ? validateQualifiedName(key.toLowerCase(), path)
      : validateQualifiedName(key, path);
  }
  if (!allowed.includes(fieldPath)) return [notSupported(path.child('fieldPath'), fieldPath, [...allowed].sort())];
  return [];
}

function validateDivisor(resource: string, divisor: unknown, path: FieldPath): FieldError[] {
  const q = tryQuantity(divisor);
  if (divisor === undefined || divisor === null || !q || q.isZero()) return [];
  const text = q.toString();
  const at = path.child('divisor');
  if (resource === 'limits.cpu' || resource === 'requests.cpu') {
    if (!CPU_DIVISORS.has(text))
      return [invalidValue(at, resource, "only divisor's values 1m and 1 are supported with the cpu resource")];
  } else if (resource === 'limits.memory' || resource === 'requests.memory') {
    if (!BYTE_DIVISORS.has(text)) {
      return [
        invalidValue(
          at,
          resource,
          `only divisor's values ${BYTE_DIVISORS_TEXT} are supported with the memory resource`,
        ),
      ];
    }
  } else if (resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') {
    if (!BYTE_DIVISORS.has(text)) {
      return [
        invalidValue(
          at,
          resource,
          `only divisor's values ${BYTE_DIVISORS_TEXT} are supported with the local ephemeral storage resource`,
        ),
      ];
    }
  } else if (HUGEPAGES_PREFIXES.some((p) => resource.startsWith(p)) && !BYTE_DIVISORS.has(text)) {
    return [
      invalidValue(
        at,
        resource,
        `only divisor's values ${BYTE_DIVISORS_TEXT} are supported with the hugepages resource`,
      ),
    ];
  }
  return [];
}

/** A resourceFieldRef; in a volume it must also name its container. */
export function validateResourceFieldSelector(value: unknown, inVolume: boolean, path: FieldPath): FieldError[] {
  const selector = record(value) ?? {};
  const resource = str(selector.resource);
  const errs: FieldError[] = [];
  if (inVolume && str(selector.containerName) === '') errs.push(required(path.child('containerName')));
  else if (resource === '') errs.push(required(path.child('resource')));
  else if (!RESOURCE_FIELD_PATHS.includes(resource) && !HUGEPAGES_PREFIXES.some((p) => resource.startsWith(p))) {
    errs.push(notSupported(path.child('resource'), resource, RESOURCE_FIELD_PATHS));
  }
  errs.push(...validateDivisor(resource, selector.divisor, path));
  return errs;
}
