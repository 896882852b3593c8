// ReplicationControllers and PodTemplates (ValidateReplicationController*, ValidatePodTemplate): a non-empty
// selector that matches the template's labels, pods that always restart, and non-negative counts.

import { FieldPath, forbiddenField, invalidValue, notSupported, required } from '../../errors/field-error.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { num, optNum, record, recordOrEmpty, str } from '../access.ts';
import type { Json } from '../access.ts';
import { validateNonnegative } from '../generic.ts';
import { isEmptySelector, selectorFromMap, selectorMatches } from '../label-selector.ts';
import { validatePodTemplateSpec } from './pod-spec.ts';

export function validateReplicationController(rc: Json): FieldError[] {
  const spec = recordOrEmpty(rc.spec);
  const path = FieldPath.root('spec');
  const errs = validateNonnegative(num(spec.minReadySeconds), path.child('minReadySeconds'));
  const selector = selectorFromMap(spec.selector);
  if (isEmptySelector(selector)) errs.push(required(path.child('selector')));
  errs.push(...validateNonnegative(optNum(spec.replicas) ?? 0, path.child('replicas')));
  const template = record(spec.template);
  const templatePath = path.child('template');
  if (!template) return [...errs, required(templatePath)];
  const labels = recordOrEmpty(template.metadata).labels;
  if (!isEmptySelector(selector) && !selectorMatches(selector, labels)) {
    errs.push(
      invalidValue(
        templatePath.child('metadata', 'labels'),
        labels ?? null,
        '`selector` does not match template `labels`',
      ),
    );
  }
  errs.push(...validatePodTemplateSpec(template, templatePath));
  const podSpec = recordOrEmpty(template.spec);
  if (str(podSpec.restartPolicy) !== 'Always')
    errs.push(notSupported(templatePath.child('spec', 'restartPolicy'), str(podSpec.restartPolicy), ['Always']));
  if (optNum(podSpec.activeDeadlineSeconds) !== undefined) {
    errs.push(
      forbiddenField(
        templatePath.child('spec', 'activeDeadlineSeconds'),
        'activeDeadlineSeconds in ReplicationController is not Supported',
      ),
    );
  }
  return errs;
}

/** Counts in status are non-negative and never exceed status.replicas (and available never exceeds ready). */
export function validateReplicaCountsStatus(status: unknown, path: FieldPath, fields: string[]): FieldError[] {
  const s = recordOrEmpty(status);
  const errs: FieldError[] = [];
  for (const field of ['replicas', ...fields, 'observedGeneration'])
    errs.push(...validateNonnegative(num(s[field]), path.child(field)));
  const replicas = num(s.replicas);
  for (const field of fields) {
    if (num(s[field]) > replicas)
      errs.push(invalidValue(path.child(field), num(s[field]), 'cannot be greater than status.replicas'));
  }
  if (num(s.availableReplicas) > num(s.readyReplicas)) {
    errs.push(
      invalidValue(path.child('availableReplicas'), num(s.availableReplicas), 'cannot be greater than readyReplicas'),
    );
  }
  return errs;
}

export function validateReplicationControllerStatus(rc: Json): FieldError[] {
  return validateReplicaCountsStatus(rc.status, FieldPath.root('status'), [
    'fullyLabeledReplicas',
    'readyReplicas',
    'availableReplicas',
  ]);
}

export function validatePodTemplate(podTemplate: Json): FieldError[] {
  return validatePodTemplateSpec(podTemplate.template, FieldPath.root('template'));
}
