// PersistentVolumeClaims (ValidatePersistentVolumeClaim*): access modes, a positive storage request, class and
// volume mode, data sources; on update the spec is immutable except a growing storage request and the volumeName
// the binder sets once.

import { deepEqual } from '../../../api/json.ts';
import { forbiddenField, invalidValue, notSupported, required } from '../../errors/field-error.ts';
import { FieldPath } from '../../errors/field-error.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { list, record, recordOrEmpty, str } from '../access.ts';
import type { Json } from '../access.ts';
import { describeChanges } from '../diff.ts';
import { invalidEach, validateImmutableField } from '../generic.ts';
import { validateLabelSelector } from '../label-selector.ts';
import { isDNS1123Subdomain, nameIsDNSSubdomain, validateNamespaceName } from '../names.ts';
import { validateTemplateObjectMeta } from '../object-meta.ts';
import { parseQuantity, tryQuantity, validatePositiveQuantity, validateResourceQuantityValue } from './quantities.ts';

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
export const VOLUME_MODES = ['Block', 'Filesystem'];

/** At least one supported access mode; ReadWriteOncePod only on its own. */
export function validateAccessModes(modes: unknown, path: FieldPath, requiredDetail: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = list(modes).map(str);
  if (values.length === 0) errs.push(required(path, requiredDetail));
  let rwop = false;
  let other = false;
  for (const mode of values) {
    if (!ACCESS_MODES.includes(mode)) errs.push(notSupported(path, mode, ACCESS_MODES));
    else if (mode === 'ReadWriteOncePod') rwop = true;
    else other = true;
  }
  if (rwop && other) errs.push(forbiddenField(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function validateDataSource(ref: Json, path: FieldPath, withNamespace: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (str(ref.name) === '') errs.push(required(path.child('name')));
  if (str(ref.kind) === '') errs.push(required(path.child('kind')));
  const apiGroup = str(ref.apiGroup);
  if (apiGroup === '' && str(ref.kind) !== 'PersistentVolumeClaim') {
    errs.push(
      invalidValue(path, str(ref.kind), "must be 'PersistentVolumeClaim' when referencing the default apiGroup"),
    );
  }
  if (apiGroup !== '') errs.push(...invalidEach(path.child('apiGroup'), apiGroup, isDNS1123Subdomain(apiGroup)));
  const namespace = str(ref.namespace);
  if (withNamespace && namespace !== '')
    errs.push(...invalidEach(path.child('namespace'), namespace, validateNamespaceName(namespace, false)));
  return errs;
}

export function validatePersistentVolumeClaimSpec(value: unknown, path: FieldPath): FieldError[] {
  const spec = recordOrEmpty(value);
  const errs = validateAccessModes(spec.accessModes, path.child('accessModes'), 'at least 1 access mode is required');
  if (record(spec.selector)) errs.push(...validateLabelSelector(spec.selector, {}, path.child('selector')));
  const storagePath = path.child('resources').key('storage');
  const requests = recordOrEmpty(recordOrEmpty(spec.resources).requests);
  if (requests.storage === undefined) {
    errs.push(required(storagePath));
  } else {
    const q = parseQuantity(requests.storage, storagePath, errs);
    if (q) {
      const positive = validatePositiveQuantity(q, storagePath);
      errs.push(...(positive.length ? positive : validateResourceQuantityValue('storage', q, storagePath)));
    }
  }
  const className = str(spec.storageClassName);
  if (className !== '')
    errs.push(...invalidEach(path.child('storageClassName'), className, nameIsDNSSubdomain(className, false)));
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && !VOLUME_MODES.includes(str(spec.volumeMode))) {
    errs.push(notSupported(path.child('volumeMode'), spec.volumeMode, VOLUME_MODES));
  }
  const dataSource = record(spec.dataSource);
  const dataSourceRef = record(spec.dataSourceRef);
  if (dataSource) errs.push(...validateDataSource(dataSource, path.child('dataSource'), false));
  if (dataSourceRef) errs.push(...validateDataSource(dataSourceRef, path.child('dataSourceRef'), true));
  if (dataSourceRef && str(dataSourceRef.namespace) !== '') {
    if (dataSource)
      errs.push(
        invalidValue(
          path,
          path.child('dataSource').toString(),
          'may not be specified when dataSourceRef.namespace is specified',
        ),
      );
  } else if (dataSource && dataSourceRef) {
    const same =
      str(dataSource.apiGroup) === str(dataSourceRef.apiGroup) &&
      str(dataSource.kind) === str(dataSourceRef.kind) &&
      str(dataSource.name) === str(dataSourceRef.name);
    if (!same) errs.push(invalidValue(path, path.child('dataSource').toString(), 'must match dataSourceRef'));
  }
  return errs;
}

/** A claim template inside an ephemeral volume or a StatefulSet: labels and annotations only, and a valid spec. */
export function validatePersistentVolumeClaimTemplate(template: Json, path: FieldPath): FieldError[] {
  return [
    ...validateTemplateObjectMeta(template.metadata, path.child('metadata')),
    ...validatePersistentVolumeClaimSpec(template.spec, path.child('spec')),
  ];
}

export function validatePersistentVolumeClaim(pvc: Json): FieldError[] {
  return validatePersistentVolumeClaimSpec(pvc.spec, FieldPath.root('spec'));
}

/** to[field] = from[field], absent when absent. */
function copyField(from: Json, to: Json, field: string): void {
  if (from[field] === undefined) delete to[field];
  else to[field] = from[field];
}

const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

export function validatePersistentVolumeClaimUpdate(pvc: Json, old: Json): FieldError[] {
  const errs = validatePersistentVolumeClaim(pvc);
  const spec = structuredClone(recordOrEmpty(pvc.spec));
  const oldSpec = structuredClone(recordOrEmpty(old.spec));
  if (str(oldSpec.volumeName) === '') copyField(spec, oldSpec, 'volumeName');
  const oldAnnotations = recordOrEmpty(recordOrEmpty(old.metadata).annotations);
  const newAnnotations = recordOrEmpty(recordOrEmpty(pvc.metadata).annotations);
  const oldClassAnnotation = oldAnnotations[BETA_STORAGE_CLASS_ANNOTATION];
  const newClassAnnotation = newAnnotations[BETA_STORAGE_CLASS_ANNOTATION];
  const settingClass = oldSpec.storageClassName === undefined && spec.storageClassName !== undefined;
  const fromAnnotation =
    settingClass &&
    oldClassAnnotation !== undefined &&
    spec.storageClassName === oldClassAnnotation &&
    (newClassAnnotation === undefined || newClassAnnotation === oldClassAnnotation);
  if (!fromAnnotation) {
    errs.push(
      ...validateImmutableField(
        str(newClassAnnotation),
        str(oldClassAnnotation),
        FieldPath.root('metadata').child('annotations', BETA_STORAGE_CLASS_ANNOTATION),
      ),
    );
  }
  if (
    fromAnnotation ||
    (settingClass && (oldClassAnnotation === undefined || spec.storageClassName === oldClassAnnotation))
  ) {
    copyField(spec, oldSpec, 'storageClassName');
  }
  const bound = str(recordOrEmpty(pvc.status).phase) === 'Bound';
  const newResources = recordOrEmpty(spec.resources);
  if (bound && record(newResources.requests)) {
    const requests = recordOrEmpty(newResources.requests);
    copyField(recordOrEmpty(recordOrEmpty(oldSpec.resources).requests), requests, 'storage');
  }
  if (!deepEqual(spec, oldSpec)) {
    errs.push(
      forbiddenField(
        FieldPath.root('spec'),
        `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${describeChanges(oldSpec, spec, 'core.PersistentVolumeClaimSpec')}`,
      ),
    );
  }
  const newSize = tryQuantity(recordOrEmpty(recordOrEmpty(recordOrEmpty(pvc.spec).resources).requests).storage);
  const oldSize = tryQuantity(recordOrEmpty(recordOrEmpty(recordOrEmpty(old.spec).resources).requests).storage);
  if (newSize && oldSize && newSize.cmp(oldSize) < 0) {
    errs.push(
      forbiddenField(
        FieldPath.root('spec').child('resources', 'requests', 'storage'),
        'field can not be less than previous value',
      ),
    );
  }
  errs.push(
    ...validateImmutableField(
      recordOrEmpty(pvc.spec).volumeMode,
      recordOrEmpty(old.spec).volumeMode,
      FieldPath.root('volumeMode'),
    ),
  );
  return errs;
}

export function validatePersistentVolumeClaimStatusUpdate(pvc: Json): FieldError[] {
  const errs: FieldError[] = [];
  if (list(recordOrEmpty(pvc.spec).accessModes).length === 0)
    errs.push(required(FieldPath.root('Spec').child('accessModes')));
  const capacity = recordOrEmpty(recordOrEmpty(pvc.status).capacity);
  for (const name of Object.keys(capacity).sort()) {
    const q = parseQuantity(capacity[name], FieldPath.root('status').child('capacity').key(name), errs);
    if (q && q.value() < 0)
      errs.push(
        invalidValue(
          FieldPath.root('status').child('capacity').key(name),
          q.value(),
          'must be a valid resource quantity',
        ),
      );
  }
  return errs;
}
