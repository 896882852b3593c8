// CustomResourceDefinitions (pkg/apis/apiextensions/validation): the name is <plural>.<group>; the group is a DNS
// subdomain with a dot; names, scope and versions are complete, with exactly one storage version; every version has
// a structural schema; conversion, stored versions, API approval for *.k8s.io groups and preserveUnknownFields
// follow upstream's rules. Updates never change the group or plural, nor the scope and kind once established.

import { FieldPath, invalidValue, notSupported, required } from '../../errors/field-error.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { list, record, records, recordOrEmpty, str, stringMap } from '../access.ts';
import type { Json } from '../access.ts';
import { validateImmutableField } from '../generic.ts';
import { isDNS1035Label, isDNS1123Subdomain } from '../names.ts';
import { validateCRDConversion, hasRecognizedReviewVersion } from './crd-conversion.ts';
import {
  allVersionsHaveSchema,
  hasAnyStatusEnabled,
  hasStatusEnabled,
  subresourcesFor,
  toInternalSpec,
} from './crd-internal.ts';
import type { InternalSpec } from './crd-internal.ts';
import { validateCRDNames } from './crd-names.ts';
import {
  validateDeprecationWarning,
  validatePrinterColumn,
  validateSelectableFields,
  validateSubresources,
} from './crd-version-fields.ts';
import { validateCustomResourceValidation } from './custom-resource-validation.ts';
import { OPENAPI_V3_TYPES } from './openapi-schema.ts';
import type { SchemaOptions } from './openapi-schema.ts';
import { schemaHas } from './schema-props.ts';

const SPEC = FieldPath.root('spec');
const SCOPES = ['Cluster', 'Namespaced'];
const APPROVAL_ANNOTATION = 'api-approved.kubernetes.io';
const APPROVAL_LINK = 'see https://github.com/kubernetes/enhancements/pull/1111';

interface Options extends SchemaOptions {
  requireOpenAPISchema: boolean;
  requireRecognizedReviewVersion: boolean;
}

const CREATE_OPTIONS: Options = {
  requireOpenAPISchema: true,
  requireValidPropertyType: true,
  requireAtomicSetType: true,
  requireMapListKeysMapSetValidation: true,
  requireRecognizedReviewVersion: true,
};

function schemaOf(validation: unknown): Json | undefined {
  return record(record(validation)?.openAPIV3Schema);
}

function specHasDefaults(internal: InternalSpec): boolean {
  const schemas = [schemaOf(internal.top.validation), ...internal.versions.map((v) => schemaOf(v.schema))];
  return schemas.some((s) => schemaHas(s, (n) => n.default !== undefined && n.default !== null));
}

function validateSchemasPresent(spec: Json, internal: InternalSpec, options: Options): FieldError[] {
  if (schemaOf(internal.top.validation)) return [];
  const errs: FieldError[] = [];
  internal.versions.forEach((v, i) => {
    if (schemaOf(v.schema)) return;
    const path = SPEC.child('versions').index(i).child('schema', 'openAPIV3Schema');
    if (options.requireOpenAPISchema) errs.push(required(path, 'schemas are required'));
    else if (v.served === true && spec.preserveUnknownFields !== true)
      errs.push(required(path, 'because otherwise all fields are pruned'));
  });
  return errs;
}

function validateVersion(internal: InternalSpec, version: Json, options: Options, path: FieldPath): FieldError[] {
  const errs = validateDeprecationWarning(version, path.child('deprecationWarning'));
  const statusEnabled = hasStatusEnabled(subresourcesFor(internal, version));
  errs.push(...validateCustomResourceValidation(version.schema, statusEnabled, options, path.child('schema')));
  errs.push(...validateSubresources(version.subresources, path.child('subresources')));
  records(version.additionalPrinterColumns).forEach((c, i) =>
    errs.push(...validatePrinterColumn(c, path.child('additionalPrinterColumns').index(i))),
  );
  if (list(version.selectableFields).length > 0)
    errs.push(
      ...validateSelectableFields(version.selectableFields, schemaOf(version.schema), path.child('selectableFields')),
    );
  return errs;
}

function validateVersions(internal: InternalSpec, options: Options): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  let unique = true;
  let storageCount = 0;
  internal.versions.forEach((version, i) => {
    const name = str(version.name);
    if (version.storage === true) storageCount++;
    if (names.has(name)) unique = false;
    names.add(name);
    const problems = isDNS1035Label(name);
    if (problems.length > 0)
      errs.push(invalidValue(SPEC.child('versions').index(i).child('name'), name, problems.join(',')));
    errs.push(...validateVersion(internal, version, options, SPEC.child('versions').index(i)));
  });
  return errs.concat(versionCountErrors(internal, unique, storageCount));
}

function versionCountErrors(internal: InternalSpec, unique: boolean, storageCount: number): FieldError[] {
  const errs: FieldError[] = [];
  const versions = internal.versions;
  if (!unique) errs.push(invalidValue(SPEC.child('versions'), versions, 'must contain unique version names'));
  if (storageCount !== 1)
    errs.push(
      invalidValue(SPEC.child('versions'), versions, 'must have exactly one version marked as storage version'),
    );
  const first = str(versions[0]?.name);
  const problems = versions.length > 0 ? isDNS1035Label(first) : [];
  if (problems.length > 0) errs.push(invalidValue(SPEC.child('version'), first, problems.join(',')));
  return errs;
}

function validateSpec(spec: Json, options: Options): FieldError[] {
  const internal = toInternalSpec(spec);
  const errs: FieldError[] = [];
  const group = str(spec.group);
  const groupProblems = isDNS1123Subdomain(group);
  if (group === '') errs.push(required(SPEC.child('group')));
  else if (groupProblems.length > 0) errs.push(invalidValue(SPEC.child('group'), group, groupProblems.join(',')));
  else if (group.split('.').length < 2)
    errs.push(invalidValue(SPEC.child('group'), group, 'should be a domain with at least one dot'));
  const scope = str(spec.scope);
  if (scope === '') errs.push(required(SPEC.child('scope')));
  else if (!SCOPES.includes(scope)) errs.push(notSupported(SPEC.child('scope'), scope, SCOPES));
  errs.push(...validateSchemasPresent(spec, internal, options));
  if (spec.preserveUnknownFields === true && specHasDefaults(internal)) {
    errs.push(
      invalidValue(SPEC.child('preserveUnknownFields'), true, 'must be false in order to use defaults in the schema'),
    );
  }
  errs.push(...validateVersions(internal, options));
  const names = recordOrEmpty(spec.names);
  for (const field of ['plural', 'singular', 'kind', 'listKind']) {
    if (str(names[field]) === '') errs.push(required(SPEC.child('names', field)));
  }
  errs.push(...validateCRDNames(names, SPEC.child('names')));
  errs.push(
    ...validateCustomResourceValidation(
      internal.top.validation,
      hasAnyStatusEnabled(internal),
      options,
      SPEC.child('validation'),
    ),
  );
  errs.push(...validateSubresources(internal.top.subresources, SPEC.child('subresources')));
  records(internal.top.additionalPrinterColumns).forEach((c, i) =>
    errs.push(...validatePrinterColumn(c, SPEC.child('additionalPrinterColumns').index(i))),
  );
  if (list(internal.top.selectableFields).length > 0) {
    const schema = schemaOf(internal.top.validation);
    errs.push(
      ...(schema
        ? validateSelectableFields(internal.top.selectableFields, schema, SPEC.child('selectableFields'))
        : [
            invalidValue(
              SPEC.child('selectableFields'),
              '',
              'selectableFields may only be set when validations.schema is included',
            ),
          ]),
    );
  }
  const conversion = record(spec.conversion);
  if (conversion && str(conversion.strategy) !== 'None' && spec.preserveUnknownFields === true) {
    errs.push(
      invalidValue(
        SPEC.child('conversion', 'strategy'),
        str(conversion.strategy),
        'must be None if spec.preserveUnknownFields is true',
      ),
    );
  }
  errs.push(...validateCRDConversion(conversion, options.requireRecognizedReviewVersion, SPEC.child('conversion')));
  return errs;
}

function validateStoredVersions(crd: Json): FieldError[] {
  const path = FieldPath.root('status').child('storedVersions');
  const stored = list(recordOrEmpty(crd.status).storedVersions).map(str);
  if (stored.length === 0) return [invalidValue(path, stored, 'must have at least one stored version')];
  const errs: FieldError[] = [];
  const remaining = new Map(stored.map((v, i) => [v, i]));
  for (const version of records(recordOrEmpty(crd.spec).versions)) {
    const name = str(version.name);
    if (version.storage === true && !remaining.has(name))
      errs.push(invalidValue(path, stored, `must have the storage version ${name}`));
    remaining.delete(name);
  }
  for (const [v, i] of [...remaining].sort(([, a], [, b]) => a - b))
    errs.push(invalidValue(path.index(i), v, 'must appear in spec.versions'));
  return errs;
}

type Approval = 'missing' | 'bypassed' | 'approved' | 'invalid';

function approvalState(crd: Json): { state: Approval; reason: string } {
  const value = stringMap(recordOrEmpty(crd.metadata).annotations)[APPROVAL_ANNOTATION] ?? '';
  if (value === '')
    return {
      state: 'missing',
      reason: `protected groups must have approval annotation "${APPROVAL_ANNOTATION}", ${APPROVAL_LINK}`,
    };
  if (value.startsWith('unapproved')) return { state: 'bypassed', reason: '' };
  try {
    const url = new URL(value);
    if (url.host !== '' && url.protocol !== '') return { state: 'approved', reason: '' };
  } catch {
    // not a URL: invalid below
  }
  return {
    state: 'invalid',
    reason: `protected groups must have approval annotation "${APPROVAL_ANNOTATION}" with either a URL or a reason starting with "unapproved", ${APPROVAL_LINK}`,
  };
}

/** Groups k8s.io and kubernetes.io (and their subdomains) need an API-review annotation. */
function validateAPIApproval(crd: Json, old?: Json): FieldError[] {
  const group = str(recordOrEmpty(crd.spec).group);
  const isProtected = ['k8s.io', 'kubernetes.io'].some((g) => group === g || group.endsWith(`.${g}`));
  if (!isProtected) return [];
  const { state, reason } = approvalState(crd);
  if (old && approvalState(old).state === state) return [];
  const path = FieldPath.root('metadata').child('annotations').key(APPROVAL_ANNOTATION);
  const value = stringMap(recordOrEmpty(crd.metadata).annotations)[APPROVAL_ANNOTATION] ?? '';
  if (state === 'missing') return [required(path, reason)];
  if (state === 'invalid') return [invalidValue(path, value, reason)];
  return [];
}

function validatePreserveUnknownFields(crd: Json, old?: Json): FieldError[] {
  if (old && recordOrEmpty(old.spec).preserveUnknownFields === true) return [];
  return recordOrEmpty(crd.spec).preserveUnknownFields === true
    ? [
        invalidValue(
          SPEC.child('preserveUnknownFields'),
          true,
          'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead',
        ),
      ]
    : [];
}

function validateStatus(crd: Json): FieldError[] {
  return validateCRDNames(
    recordOrEmpty(recordOrEmpty(crd.status).acceptedNames),
    FieldPath.root('status').child('acceptedNames'),
  );
}

/** The group and plural make the resource's name and never change; scope and kind are fixed once established. */
function validateImmutableNames(spec: Json, oldSpec: Json, established: boolean): FieldError[] {
  const names = recordOrEmpty(spec.names);
  const oldNames = recordOrEmpty(oldSpec.names);
  const errs: FieldError[] = [];
  if (established) {
    errs.push(...validateImmutableField(spec.scope, oldSpec.scope, SPEC.child('scope')));
    errs.push(...validateImmutableField(names.kind, oldNames.kind, SPEC.child('names', 'kind')));
  }
  errs.push(...validateImmutableField(spec.group, oldSpec.group, SPEC.child('group')));
  errs.push(...validateImmutableField(names.plural, oldNames.plural, SPEC.child('names', 'plural')));
  return errs;
}

function isEstablished(crd: Json): boolean {
  return records(recordOrEmpty(crd.status).conditions).some((c) => c.type === 'Established' && c.status === 'True');
}

function validateWith(crd: Json, options: Options, old?: Json): FieldError[] {
  const spec = recordOrEmpty(crd.spec);
  const names = recordOrEmpty(spec.names);
  const name = str(recordOrEmpty(crd.metadata).name);
  const errs: FieldError[] = [];
  if (name !== '' && name !== `${str(names.plural)}.${str(spec.group)}`) {
    errs.push(invalidValue(FieldPath.root('metadata').child('name'), name, 'must be spec.names.plural+"."+spec.group'));
  }
  errs.push(...validateSpec(spec, options));
  if (old) errs.push(...validateImmutableNames(spec, recordOrEmpty(old.spec), isEstablished(old)));
  errs.push(...validateStatus(crd));
  errs.push(...validateStoredVersions(crd));
  errs.push(...validateAPIApproval(crd, old));
  errs.push(...validatePreserveUnknownFields(crd, old));
  return errs;
}

export function validateCustomResourceDefinition(crd: Json): FieldError[] {
  return validateWith(crd, CREATE_OPTIONS);
}

/** Checks a stored CRD failed are not tightened on update; names the storage depends on never change. */
export function validateCustomResourceDefinitionUpdate(crd: Json, old: Json): FieldError[] {
  const oldSpec = recordOrEmpty(old.spec);
  const oldSchemas = records(oldSpec.versions).map((v) => schemaOf(v.schema));
  const oldHas = (predicate: (s: Json) => boolean): boolean => oldSchemas.some((s) => schemaHas(s, predicate));
  const options: Options = {
    requireOpenAPISchema: allVersionsHaveSchema(oldSpec),
    requireValidPropertyType: !oldHas(
      (s) => typeof s.type === 'string' && s.type !== '' && !OPENAPI_V3_TYPES.includes(s.type),
    ),
    requireAtomicSetType: !oldHas(
      (s) =>
        s['x-kubernetes-list-type'] === 'set' &&
        record(s.items)?.type === 'object' &&
        record(s.items)?.['x-kubernetes-map-type'] !== 'atomic',
    ),
    requireMapListKeysMapSetValidation: !oldHas(
      (s) =>
        (s['x-kubernetes-list-type'] === 'set' || s['x-kubernetes-list-type'] === 'map') &&
        record(s.items)?.nullable === true,
    ),
    requireRecognizedReviewVersion: hasRecognizedReviewVersion(oldSpec.conversion),
  };
  return validateWith(crd, options, old);
}

export function validateCustomResourceDefinitionStatusUpdate(crd: Json): FieldError[] {
  return validateStatus(crd);
}
