// File paths inside volumes and mounts: relative paths that never step out with '..' (validateLocalDescendingPath,
// validatePathNoBacksteps, ValidateLocalNonReservedPath).

import { invalidValue } from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';

export function validatePathNoBacksteps(target: string, path: FieldPath): FieldError[] {
  return target.split('/').includes('..') ? [invalidValue(path, target, "must not contain '..'")] : [];
}

/** Relative, and without '..' elements. */
export function validateLocalDescendingPath(target: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(invalidValue(path, target, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(target, path));
  return errs;
}

/** Relative, without '..' elements, and not starting with '..'. */
export function validateLocalNonReservedPath(target: string, path: FieldPath): FieldError[] {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../'))
    errs.push(invalidValue(path, target, "must not start with '..'"));
  return errs;
}
