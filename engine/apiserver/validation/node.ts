// The node.k8s.io group (pkg/apis/node/validation): RuntimeClasses whose handler is a DNS label that never
// changes, whose pod overhead is a valid resource list, and whose scheduling constraints are valid node labels and
// unique tolerations.

import { deepEqual } from '../../api/json.ts';
import { FieldPath, duplicate } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { record, records, str } from './access.ts';
import type { Json } from './access.ts';
import { validateContainerResources } from './core/resource-requirements.ts';
import { validateTolerations } from './core/scheduling.ts';
import { invalidEach, validateImmutableField } from './generic.ts';
import { validateLabels } from './labels.ts';
import { nameIsDNSLabel } from './names.ts';

export function validateRuntimeClass(runtimeClass: Json): FieldError[] {
  const handler = str(runtimeClass.handler);
  const errs = invalidEach(FieldPath.root('handler'), handler, nameIsDNSLabel(handler, false));
  const overhead = record(runtimeClass.overhead);
  if (overhead)
    errs.push(...validateContainerResources({ limits: overhead.podFixed }, new Set(), FieldPath.root('overhead')));
  const scheduling = record(runtimeClass.scheduling);
  if (scheduling) {
    const path = FieldPath.root('scheduling');
    errs.push(...validateLabels(scheduling.nodeSelector, path.child('nodeSelector')));
    errs.push(...validateTolerations(scheduling.tolerations, path.child('tolerations')));
    const seen: Json[] = [];
    records(scheduling.tolerations).forEach((t, i) => {
      const key = { key: t.key ?? '', operator: t.operator ?? '', value: t.value ?? '', effect: t.effect ?? '' };
      if (seen.some((s) => deepEqual(s, key))) errs.push(duplicate(path.child('tolerations').index(i), t));
      else seen.push(key);
    });
  }
  return errs;
}

export function validateRuntimeClassUpdate(runtimeClass: Json, old: Json): FieldError[] {
  return validateImmutableField(runtimeClass.handler, old.handler, FieldPath.root('handler'));
}
