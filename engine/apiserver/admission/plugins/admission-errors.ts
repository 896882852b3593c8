// The errors admission plugins refuse requests with (k8s.io/apiserver/pkg/admission/errors.go): a 403 naming the
// resource and the object as upstream's NewForbidden does, and Go's aggregate of several error messages.

import { forbidden } from '../../errors/status-error.ts';
import type { StatusError } from '../../errors/status-error.ts';
import type { AdmissionAttributes } from '../admission.ts';

/**
 * `<resource> "<name>" is forbidden: <message>`. The name is the request's, else the object's name, else its
 * generateName (names are not generated yet when mutating plugins run), else "Unknown".
 */
export function admissionForbidden(a: AdmissionAttributes, message: string): StatusError {
  const meta = a.object?.metadata;
  const name = a.name || meta?.name || meta?.generateName || 'Unknown';
  return forbidden({ group: a.group, resource: a.resource }, name, message);
}

/** utilerrors.NewAggregate(...).Error(): one message as it is, several deduplicated as `[a, b]`. */
export function aggregateMessage(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? (unique[0] ?? '') : `[${unique.join(', ')}]`;
}
