// ObjectMeta validation shared by every kind (pkg/api/validation/objectmeta.go plus the core group's finalizer
// rule): names and generateName, namespace required or forbidden by scope, labels, annotations, owner references,
// finalizers and managed fields on create; the fields that may never change on update.

import type { ObjectMeta } from '../../api/object.ts';
import { FieldPath, forbiddenField, invalidValue, required, tooLong } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { isZeroValue, list, num, records, str } from './access.ts';
import { validateImmutableField, validateNonnegative, validateQualifiedName } from './generic.ts';
import { validateAnnotations, validateLabels } from './labels.ts';
import { nameIsDNSSubdomain, validateNamespaceName } from './names.ts';
import type { NameValidator } from './names.ts';

export interface ObjectMetaOptions {
  /** Namespaced kinds require metadata.namespace; cluster-scoped kinds forbid it. */
  namespaced: boolean;
  /** How names of this kind are validated; default nameIsDNSSubdomain. */
  validateName?: NameValidator;
  /**
   * Built-in kinds also require finalizer names without a '/' to be standard ("kubernetes", "orphan",
   * "foregroundDeletion"); custom resources do not. Default true.
   */
  standardFinalizerNames?: boolean;
}

const FINALIZER_ORPHAN = 'orphan';
const FINALIZER_FOREGROUND = 'foregroundDeletion';
const STANDARD_FINALIZERS = new Set(['kubernetes', FINALIZER_ORPHAN, FINALIZER_FOREGROUND]);
const FIELD_MANAGER_MAX_LENGTH = 128;

function validateOwnerReferences(refs: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  const all = list(refs);
  for (const ref of records(refs)) {
    const apiVersion = str(ref.apiVersion);
    const kind = str(ref.kind);
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    if (version === '') errs.push(invalidValue(path.child('apiVersion'), apiVersion, 'version must not be empty'));
    if (kind === '') errs.push(invalidValue(path.child('kind'), kind, 'kind must not be empty'));
    if (str(ref.name) === '') errs.push(invalidValue(path.child('name'), str(ref.name), 'name must not be empty'));
    if (str(ref.uid) === '') errs.push(invalidValue(path.child('uid'), str(ref.uid), 'uid must not be empty'));
    if (group === '' && version === 'v1' && kind === 'Event') {
      errs.push(invalidValue(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (ref.controller === true) {
      const current = `${kind}/${str(ref.name)}`;
      if (firstController !== '') {
        errs.push(
          invalidValue(
            path,
            all,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

function validateFinalizers(finalizers: unknown, path: FieldPath, standardNames: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const names = list(finalizers).map(str);
  for (const name of names) errs.push(...validateQualifiedName(name, path));
  if (names.includes(FINALIZER_ORPHAN) && names.includes(FINALIZER_FOREGROUND)) {
    errs.push(
      invalidValue(path, names, `finalizer ${FINALIZER_ORPHAN} and ${FINALIZER_FOREGROUND} cannot be both set`),
    );
  }
  if (standardNames) errs.push(...validateStandardFinalizerNames(names, path));
  return errs;
}

function validateStandardFinalizerNames(names: string[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  names.forEach((name, i) => {
    if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
      errs.push(
        invalidValue(path.index(i), name, 'name is neither a standard finalizer name nor is it fully qualified'),
      );
    }
  });
  return errs;
}

function validateManagedFields(entries: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  records(entries).forEach((entry, i) => {
    const at = path.index(i);
    const operation = str(entry.operation);
    if (operation !== 'Apply' && operation !== 'Update') {
      errs.push(invalidValue(at.child('operation'), operation, 'must be `Apply` or `Update`'));
    }
    const fieldsType = str(entry.fieldsType);
    if (fieldsType !== '' && fieldsType !== 'FieldsV1') {
      errs.push(invalidValue(at.child('fieldsType'), fieldsType, 'must be `FieldsV1`'));
    }
    if (str(entry.manager).length > FIELD_MANAGER_MAX_LENGTH) {
      errs.push(tooLong(at.child('manager'), FIELD_MANAGER_MAX_LENGTH));
    }
    if (str(entry.subresource).length > FIELD_MANAGER_MAX_LENGTH) {
      errs.push(tooLong(at.child('subresource'), FIELD_MANAGER_MAX_LENGTH));
    }
  });
  return errs;
}

/** Validates metadata of a new object; name generation must already have happened. */
export function validateObjectMeta(
  meta: ObjectMeta,
  options: ObjectMetaOptions,
  path: FieldPath = FieldPath.root('metadata'),
): FieldError[] {
  const validateName = options.validateName ?? nameIsDNSSubdomain;
  const errs: FieldError[] = [];
  const generateName = str(meta.generateName);
  const name = str(meta.name);
  const namespace = str(meta.namespace);
  if (generateName !== '') {
    for (const msg of validateName(generateName, true)) {
      errs.push(invalidValue(path.child('generateName'), generateName, msg));
    }
  }
  if (name === '') {
    errs.push(required(path.child('name'), 'name or generateName is required'));
  } else {
    for (const msg of validateName(name, false)) errs.push(invalidValue(path.child('name'), name, msg));
  }
  if (options.namespaced) {
    if (namespace === '') errs.push(required(path.child('namespace')));
    else
      for (const msg of validateNamespaceName(namespace, false))
        errs.push(invalidValue(path.child('namespace'), namespace, msg));
  } else if (namespace !== '') {
    errs.push(forbiddenField(path.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegative(num(meta.generation), path.child('generation')));
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, path.child('finalizers'), options.standardFinalizerNames ?? true));
  errs.push(...validateManagedFields(meta.managedFields, path.child('managedFields')));
  return errs;
}

/**
 * Validates metadata of an update: a resourceVersion is required (the store stamps the current one first for
 * unconditional updates), generation never decreases, identity and deletion fields never change, no finalizers
 * are added once deletion has begun.
 */
export function validateObjectMetaUpdate(
  newMeta: ObjectMeta,
  oldMeta: ObjectMeta,
  path: FieldPath = FieldPath.root('metadata'),
  options: Pick<ObjectMetaOptions, 'standardFinalizerNames'> = {},
): FieldError[] {
  const errs: FieldError[] = [];
  if (oldMeta.deletionTimestamp) {
    const old = new Set(list(oldMeta.finalizers).map(str));
    const extra = [...new Set(list(newMeta.finalizers).map(str))].filter((f) => !old.has(f)).sort();
    if (extra.length > 0) {
      errs.push(
        forbiddenField(
          path.child('finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`,
        ),
      );
    }
  }
  if (str(newMeta.resourceVersion) === '') {
    errs.push(invalidValue(path.child('resourceVersion'), '', 'must be specified for an update'));
  }
  if (num(newMeta.generation) < num(oldMeta.generation)) {
    errs.push(invalidValue(path.child('generation'), num(newMeta.generation), 'must not be decremented'));
  }
  errs.push(...validateImmutableField(str(newMeta.name), str(oldMeta.name), path.child('name')));
  errs.push(...validateImmutableField(str(newMeta.namespace), str(oldMeta.namespace), path.child('namespace')));
  errs.push(...validateImmutableField(str(newMeta.uid), str(oldMeta.uid), path.child('uid')));
  errs.push(
    ...validateImmutableField(newMeta.creationTimestamp, oldMeta.creationTimestamp, path.child('creationTimestamp')),
  );
  errs.push(
    ...validateImmutableField(newMeta.deletionTimestamp, oldMeta.deletionTimestamp, path.child('deletionTimestamp')),
  );
  errs.push(
    ...validateImmutableField(
      newMeta.deletionGracePeriodSeconds,
      oldMeta.deletionGracePeriodSeconds,
      path.child('deletionGracePeriodSeconds'),
    ),
  );
  errs.push(...validateLabels(newMeta.labels, path.child('labels')));
  errs.push(...validateAnnotations(newMeta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(newMeta.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateManagedFields(newMeta.managedFields, path.child('managedFields')));
  if (options.standardFinalizerNames ?? true) {
    errs.push(...validateStandardFinalizerNames(list(newMeta.finalizers).map(str), path.child('finalizers')));
  }
  return errs;
}

/** Metadata of an embedded template (e.g. a PVC template): only labels and annotations may be set. */
export function validateTemplateObjectMeta(meta: unknown, path: FieldPath): FieldError[] {
  const m = (meta ?? {}) as ObjectMeta;
  const errs = validateAnnotations(m.annotations, path.child('annotations'));
  errs.push(...validateLabels(m.labels, path.child('labels')));
  for (const key of Object.keys(m).sort()) {
    if (key === 'labels' || key === 'annotations' || key === 'creationTimestamp') continue;
    if (!isZeroValue(m[key as keyof ObjectMeta])) {
      errs.push(forbiddenField(path.child(key), 'cannot be set'));
    }
  }
  return errs;
}
