// Labels and annotations (k8s.io/apimachinery/pkg/apis/meta/v1/validation and pkg/api/validation): label keys are
// qualified names, values are label values; annotation keys are qualified names in any case and all annotations
// together may hold at most 256 KiB.

import { tooLong } from '../errors/field-error.ts';
import type { FieldError, FieldPath } from '../errors/field-error.ts';
import { sortedKeys, str } from './access.ts';
import type { Json } from './access.ts';
import { invalidEach } from './generic.ts';
import { isQualifiedName, isValidLabelValue } from './names.ts';

const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

export function validateLabelName(name: string, path: FieldPath): FieldError[] {
  return invalidEach(path, name, isQualifiedName(name));
}

/** Every key a qualified name and every value a label value; errors name the map's path, as upstream does. */
export function validateLabels(labels: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const map = (labels ?? {}) as Json;
  for (const key of sortedKeys(labels)) {
    errs.push(...validateLabelName(key, path));
    const value = str(map[key]);
    errs.push(...invalidEach(path, value, isValidLabelValue(value)));
  }
  return errs;
}

export function validateAnnotations(annotations: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const map = (annotations ?? {}) as Json;
  let total = 0;
  for (const key of sortedKeys(annotations)) {
    errs.push(...invalidEach(path, key, isQualifiedName(key.toLowerCase())));
    total += Buffer.byteLength(key, 'utf8') + Buffer.byteLength(str(map[key]), 'utf8');
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}
