// The per-version (or hoisted) parts of a CRD besides its schema: deprecation warnings, the scale and status
// sub-resources with their JSON paths, additional printer columns, and selectable fields.

import { duplicate, invalidValue, required, tooMany } from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';
import { record, records, str } from '../access.ts';
import type { Json } from '../access.ts';

const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];
const MAX_SELECTABLE_FIELDS = 8;
const SELECTABLE_TYPES = ['string', 'boolean', 'integer'];

export function validateDeprecationWarning(version: Json, path: FieldPath): FieldError[] {
  const warning = version.deprecationWarning;
  if (version.deprecated !== true && typeof warning === 'string')
    return [invalidValue(path, warning, 'can only be set for deprecated versions')];
  if (typeof warning !== 'string') return [];
  const errs: FieldError[] = [];
  if (Buffer.byteLength(warning, 'utf8') > 256)
    errs.push(invalidValue(path, warning, 'must be <= 256 characters long'));
  if (warning === '') errs.push(invalidValue(path, warning, 'must not be an empty string'));
  let offset = 0;
  for (const ch of warning) {
    if (/\p{C}/u.test(ch)) {
      errs.push(
        invalidValue(
          path,
          warning,
          `must only contain printable UTF-8 characters; non-printable character found at index ${offset}`,
        ),
      );
      break;
    }
    offset += Buffer.byteLength(ch, 'utf8');
  }
  return errs;
}

/** A simple JSON path: ".spec.replicas". */
function validateSimpleJSONPath(value: string, path: FieldPath): FieldError[] {
  if (value === '') return [invalidValue(path, value, 'must not be empty')];
  if (!value.startsWith('.')) return [invalidValue(path, value, 'must be a simple json path starting with .')];
  return [];
}

function validateScalePath(
  value: unknown,
  prefixes: string[],
  detail: string,
  path: FieldPath,
  isRequired: boolean,
): FieldError[] {
  const text = str(value);
  if (text === '') return isRequired ? [required(path)] : [];
  const errs = validateSimpleJSONPath(text, path);
  if (errs.length > 0) return errs;
  return prefixes.some((p) => text.startsWith(p)) ? [] : [invalidValue(path, text, detail)];
}

export function validateSubresources(subresources: unknown, path: FieldPath): FieldError[] {
  const scale = record(record(subresources)?.scale);
  if (!scale) return [];
  return [
    ...validateScalePath(
      scale.specReplicasPath,
      ['.spec.'],
      'should be a json path under .spec',
      path.child('scale.specReplicasPath'),
      true,
    ),
    ...validateScalePath(
      scale.statusReplicasPath,
      ['.status.'],
      'should be a json path under .status',
      path.child('scale.statusReplicasPath'),
      true,
    ),
    ...validateScalePath(
      scale.labelSelectorPath,
      ['.spec.', '.status.'],
      'should be a json path under either .spec or .status',
      path.child('scale.labelSelectorPath'),
      false,
    ),
  ];
}

export function validatePrinterColumn(column: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (str(column.name) === '') errs.push(required(path.child('name')));
  const type = str(column.type);
  const typesDetail = `must be one of ${COLUMN_TYPES.join(',')}`;
  if (type === '') errs.push(required(path.child('type'), typesDetail));
  else if (!COLUMN_TYPES.includes(type)) errs.push(invalidValue(path.child('type'), type, typesDetail));
  const format = str(column.format);
  if (format !== '' && !COLUMN_FORMATS.includes(format))
    errs.push(invalidValue(path.child('format'), format, `must be one of ${COLUMN_FORMATS.join(',')}`));
  const jsonPath = str(column.jsonPath);
  if (jsonPath === '') errs.push(required(path.child('JSONPath')));
  else errs.push(...validateSimpleJSONPath(jsonPath, path.child('JSONPath')));
  return errs;
}

/** The schema a dotted path (".spec.color") points to, or undefined when it points nowhere. */
function schemaAt(schema: Json | undefined, jsonPath: string): Json | undefined {
  let current = schema;
  for (const segment of jsonPath.slice(1).split('.')) current = record(record(current?.properties)?.[segment]);
  return current;
}

export function validateSelectableFields(fields: unknown, schema: Json | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!schema)
    return [
      invalidValue(path, '', 'selectableFields may only be set when version.schema.openAPIV3Schema is not included'),
    ];
  const unique = new Set<string>();
  records(fields).forEach((field, i) => {
    const at = path.index(i).child('jsonPath');
    const jsonPath = str(field.jsonPath);
    if (jsonPath === '') {
      errs.push(required(at));
      return;
    }
    const target = jsonPath.startsWith('.') ? schemaAt(schema, jsonPath) : undefined;
    if (!target) {
      errs.push(invalidValue(at, jsonPath, 'is an invalid path: does not refer to a valid field'));
      return;
    }
    if (jsonPath.startsWith('.metadata')) errs.push(invalidValue(at, jsonPath, 'must not point to fields in metadata'));
    if (!SELECTABLE_TYPES.includes(str(target.type))) {
      errs.push(
        invalidValue(
          at,
          jsonPath,
          'must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.',
        ),
      );
    }
    if (unique.has(jsonPath)) errs.push(duplicate(at, jsonPath));
    unique.add(jsonPath);
  });
  if (unique.size > MAX_SELECTABLE_FIELDS) errs.push(tooMany(path, unique.size, MAX_SELECTABLE_FIELDS));
  return errs;
}
