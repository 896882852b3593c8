// Namespaces (ValidateNamespace, ValidateNamespaceStatusUpdate, ValidateNamespaceFinalizeUpdate): finalizer names,
// and a phase that follows the deletion timestamp.

import { FieldPath, invalidValue } from '../../errors/field-error.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { list, recordOrEmpty, str } from '../access.ts';
import type { Json } from '../access.ts';
import { validateQualifiedName } from '../generic.ts';

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** A spec.finalizers entry: a qualified name, and a standard one when unprefixed. */
function validateFinalizerName(name: string, path: FieldPath): FieldError[] {
  const errs = validateQualifiedName(name, path);
  if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
    errs.push(invalidValue(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

export function validateNamespace(ns: Json): FieldError[] {
  return list(recordOrEmpty(ns.spec).finalizers).flatMap((f) =>
    validateFinalizerName(str(f), FieldPath.root('spec').child('finalizers')),
  );
}

export function validateNamespaceStatusUpdate(ns: Json): FieldError[] {
  const phase = str(recordOrEmpty(ns.status).phase);
  const path = FieldPath.root('status').child('Phase');
  if (!recordOrEmpty(ns.metadata).deletionTimestamp) {
    return phase !== 'Active'
      ? [invalidValue(path, phase, "may only be 'Active' if `deletionTimestamp` is empty")]
      : [];
  }
  return phase !== 'Terminating'
    ? [invalidValue(path, phase, "may only be 'Terminating' if `deletionTimestamp` is not empty")]
    : [];
}

/** The finalize sub-resource: what spec.finalizers may become. */
export function validateNamespaceFinalizeUpdate(ns: Json): FieldError[] {
  const path = FieldPath.root('spec').child('finalizers');
  return list(recordOrEmpty(ns.spec).finalizers).flatMap((f, i) => validateFinalizerName(str(f), path.index(i)));
}
