// Validation of a custom resource against its version's schema, as the apiextensions server reports it: the
// OpenAPI schema checks with kube-openapi's messages (`spec.replicas: Invalid value: 20: spec.replicas in body
// should be less than or equal to 10`), ratcheted on update so unchanged values are not held to a newer schema;
// the status sub-resource's check of status alone; and the x-kubernetes-list-type invariants. Embedded resources
// are checked by embedded-resources.ts. CEL rules (x-kubernetes-validations) are not enforced.

import { FieldPath } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { validateListSetsAndMaps } from './list-type-validation.ts';
import { Correlation } from './ratcheting.ts';
import { validateAgainstSchema } from './schema-validator.ts';
import type { JSONSchemaProps } from './schema-props.ts';
import { toFieldErrors } from './validation-result.ts';

type Json = Record<string, unknown>;

/** The schema checks of a whole object; with `old` (an update) errors in unchanged values are dropped. */
export function validateSchema(obj: Json, schema: JSONSchemaProps, old?: Json): FieldError[] {
  const correlation = old ? new Correlation(obj, old, schema) : undefined;
  return toFieldErrors(validateAgainstSchema(schema, obj, correlation));
}

/** The schema checks of a status write: status alone against the status schema, paths under "status". */
export function validateStatusSchema(obj: Json, schema: JSONSchemaProps): FieldError[] {
  const statusSchema = schema.properties?.get('status');
  if (!statusSchema || !Object.hasOwn(obj, 'status')) return [];
  return toFieldErrors(validateAgainstSchema(statusSchema, obj['status']), FieldPath.root('status'));
}

/** Duplicates in set and map lists; on update only when the old object had none (list-type ratcheting). */
export function validateListTypes(obj: Json, schema: JSONSchemaProps, old?: Json): FieldError[] {
  if (old && validateListSetsAndMaps(old, schema).length > 0) return [];
  return validateListSetsAndMaps(obj, schema);
}
