// Warnings about finalizer names a custom resource write adds (the apiextensions strategy's WarningsOnCreate and
// WarningsOnUpdate): a name that is not a qualified name, or one without a domain that is not a standard
// Kubernetes finalizer, is accepted but warned about.

import type { KubeObject } from '../../api/object.ts';
import { isQualifiedName } from '../validation/names.ts';

const STANDARD_FINALIZERS = new Set(['orphan', 'foregroundDeletion', 'kubernetes']);
const PATH = 'metadata.finalizers';

function warningsFor(name: string): string[] {
  const warnings = isQualifiedName(name).map((msg) => `${PATH}: ${JSON.stringify(name)}: ${msg}`);
  if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
    const advice = name.includes('.')
      ? 'prefer a domain-qualified finalizer name including a path (/) to avoid accidental conflicts with other finalizer writers'
      : 'prefer a domain-qualified finalizer name to avoid accidental conflicts with other finalizer writers';
    warnings.push(`${PATH}: ${JSON.stringify(name)}: ${advice}`);
  }
  return warnings;
}

/** Warnings for the finalizers of `obj` that `old` (on update) does not have, in sorted order. */
export function finalizerWarnings(obj: KubeObject, old?: KubeObject): string[] {
  const before = new Set(old?.metadata.finalizers ?? []);
  const added = [...new Set(obj.metadata.finalizers ?? [])].filter((f) => !before.has(f)).sort();
  return added.flatMap(warningsFor);
}
