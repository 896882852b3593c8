// A version's `schema` (CustomResourceValidation): the root of openAPIV3Schema may hold only fields that keep
// their meaning once status is validated separately (when the status sub-resource is on), may not be nullable, must
// be structural, and must pass the OpenAPI checks.

import { forbiddenField, invalidValue } from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';
import { isZeroValue, record } from '../access.ts';
import type { Json } from '../access.ts';
import { validateOpenAPISchema } from './openapi-schema.ts';
import { schemaHas } from './schema-props.ts';
import type { SchemaOptions } from './openapi-schema.ts';
import { validateStructural } from './structural-schema.ts';

/** JSONSchemaProps fields in Go struct order: [JSON name, Go name]. */
const SCHEMA_FIELDS: [string, string][] = [
  ['id', 'ID'],
  ['$schema', 'Schema'],
  ['$ref', 'Ref'],
  ['description', 'Description'],
  ['type', 'Type'],
  ['format', 'Format'],
  ['title', 'Title'],
  ['default', 'Default'],
  ['maximum', 'Maximum'],
  ['exclusiveMaximum', 'ExclusiveMaximum'],
  ['minimum', 'Minimum'],
  ['exclusiveMinimum', 'ExclusiveMinimum'],
  ['maxLength', 'MaxLength'],
  ['minLength', 'MinLength'],
  ['pattern', 'Pattern'],
  ['maxItems', 'MaxItems'],
  ['minItems', 'MinItems'],
  ['uniqueItems', 'UniqueItems'],
  ['multipleOf', 'MultipleOf'],
  ['enum', 'Enum'],
  ['maxProperties', 'MaxProperties'],
  ['minProperties', 'MinProperties'],
  ['required', 'Required'],
  ['items', 'Items'],
  ['allOf', 'AllOf'],
  ['oneOf', 'OneOf'],
  ['anyOf', 'AnyOf'],
  ['not', 'Not'],
  ['properties', 'Properties'],
  ['additionalProperties', 'AdditionalProperties'],
  ['patternProperties', 'PatternProperties'],
  ['dependencies', 'Dependencies'],
  ['additionalItems', 'AdditionalItems'],
  ['definitions', 'Definitions'],
  ['externalDocs', 'ExternalDocs'],
  ['example', 'Example'],
  ['nullable', 'Nullable'],
  ['x-kubernetes-preserve-unknown-fields', 'XPreserveUnknownFields'],
  ['x-kubernetes-embedded-resource', 'XEmbeddedResource'],
  ['x-kubernetes-int-or-string', 'XIntOrString'],
  ['x-kubernetes-list-map-keys', 'XListMapKeys'],
  ['x-kubernetes-list-type', 'XListType'],
  ['x-kubernetes-map-type', 'XMapType'],
  ['x-kubernetes-validations', 'XValidations'],
];
/** Keywords NewStructural refuses, with the name its message uses. */
const UNSUPPORTED_KEYWORDS: [string, string][] = [
  ['id', 'id'],
  ['$schema', 'schema'],
  ['$ref', '$ref'],
  ['patternProperties', 'patternProperties'],
  ['dependencies', 'dependencies'],
  ['additionalItems', 'additionalItems'],
  ['definitions', 'definitions'],
];
const ALLOWED_AT_ROOT_WITH_STATUS = [
  'Description',
  'Type',
  'Format',
  'Title',
  'Maximum',
  'ExclusiveMaximum',
  'Minimum',
  'ExclusiveMinimum',
  'MaxLength',
  'MinLength',
  'Pattern',
  'MaxItems',
  'MinItems',
  'UniqueItems',
  'MultipleOf',
  'Required',
  'Items',
  'Properties',
  'ExternalDocs',
  'Example',
  'XPreserveUnknownFields',
  'XValidations',
];

/** With a status sub-resource, the root is an object and uses only fields that survive extracting status. */
function validateRootWithStatus(schema: Json, path: FieldPath): FieldError[] {
  for (const [json, go] of SCHEMA_FIELDS) {
    const value = schema[json];
    if (isZeroValue(value)) continue;
    if (go === 'Type') {
      if (value !== 'object') {
        return [
          invalidValue(
            path.child('openAPIV3Schema.type'),
            value,
            'only "object" is allowed as the type at the root of the schema if the status subresource is enabled',
          ),
        ];
      }
      continue;
    }
    if (!ALLOWED_AT_ROOT_WITH_STATUS.includes(go)) {
      return [
        invalidValue(
          path.child('openAPIV3Schema'),
          schema,
          `only [${ALLOWED_AT_ROOT_WITH_STATUS.join(' ')}] fields are allowed at the root of the schema if the status subresource is enabled`,
        ),
      ];
    }
  }
  return [];
}

/** Why upstream cannot read the schema as a structural one (NewStructural), or undefined when it can. */
function structuralInitError(schema: Json): string | undefined {
  let problem: string | undefined;
  schemaHas(schema, (s) => {
    if (Array.isArray(s.items)) problem = "OpenAPIV3Schema 'items' must be a schema, but is an array";
    else if (s['x-kubernetes-preserve-unknown-fields'] === false)
      problem = "internal error: 'x-kubernetes-preserve-unknown-fields' must be true or undefined";
    else {
      const unsupported = UNSUPPORTED_KEYWORDS.find(([json]) => !isZeroValue(s[json]));
      if (unsupported) problem = `OpenAPIV3Schema '${unsupported[1]}' is not supported`;
    }
    return problem !== undefined;
  });
  return problem;
}

/** Upstream's validateCustomResourceDefinitionValidation for the `schema` (or hoisted `validation`) at `path`. */
export function validateCustomResourceValidation(
  validation: unknown,
  statusEnabled: boolean,
  options: SchemaOptions,
  path: FieldPath,
): FieldError[] {
  const schema = record(record(validation)?.openAPIV3Schema);
  if (!schema) return [];
  const errs = statusEnabled ? validateRootWithStatus(schema, path) : [];
  if (schema.nullable === true)
    errs.push(forbiddenField(path.child('openAPIV3Schema.nullable'), 'nullable cannot be true at the root'));
  const initError = structuralInitError(schema);
  if (!initError) errs.push(...validateStructural(schema, path.child('openAPIV3Schema')));
  errs.push(...validateOpenAPISchema(schema, options, path.child('openAPIV3Schema')));
  if (errs.length === 0 && initError) errs.push(invalidValue(path.child('openAPIV3Schema'), '', initError));
  return errs;
}
