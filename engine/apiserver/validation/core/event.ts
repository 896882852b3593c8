// Events written through the core API (legacyValidateEvent): the event's namespace matches its object's, and
// events carrying an eventTime name their reporting controller, instance, action and reason.

import { FieldPath, invalidValue, required } from '../../errors/field-error.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { recordOrEmpty, str } from '../access.ts';
import type { Json } from '../access.ts';
import { invalidEach, validateQualifiedName } from '../generic.ts';
import { isDNS1123Subdomain } from '../names.ts';

const REPORTING_INSTANCE_LENGTH_LIMIT = 128;
const ACTION_LENGTH_LIMIT = 128;
const REASON_LENGTH_LIMIT = 128;
const NOTE_LENGTH_LIMIT = 1024;

export function validateEvent(event: Json): FieldError[] {
  const errs: FieldError[] = [];
  const namespace = str(recordOrEmpty(event.metadata).namespace);
  const involvedNamespace = str(recordOrEmpty(event.involvedObject).namespace);
  const nsPath = FieldPath.root('involvedObject').child('namespace');
  const mismatch = (): FieldError => invalidValue(nsPath, involvedNamespace, 'does not match event.namespace');
  if (!event.eventTime) {
    if (involvedNamespace === '') {
      if (namespace !== '' && namespace !== 'default') errs.push(mismatch());
    } else if (namespace !== involvedNamespace) {
      errs.push(mismatch());
    }
  } else {
    if (involvedNamespace === '' && namespace !== 'default' && namespace !== 'kube-system') errs.push(mismatch());
    const controller = str(event.reportingComponent);
    const controllerPath = FieldPath.root('reportingComponent');
    if (controller === '') errs.push(required(controllerPath));
    errs.push(...validateQualifiedName(controller, controllerPath));
    const limited: [string, number][] = [
      ['reportingInstance', REPORTING_INSTANCE_LENGTH_LIMIT],
      ['action', ACTION_LENGTH_LIMIT],
      ['reason', REASON_LENGTH_LIMIT],
    ];
    for (const [field, limit] of limited) {
      const value = str(event[field]);
      if (value === '') errs.push(required(FieldPath.root(field)));
      if (value.length > limit)
        errs.push(invalidValue(FieldPath.root(field), '', `can have at most ${limit} characters`));
    }
    if (str(event.message).length > NOTE_LENGTH_LIMIT)
      errs.push(invalidValue(FieldPath.root('message'), '', `can have at most ${NOTE_LENGTH_LIMIT} characters`));
  }
  errs.push(...invalidEach(FieldPath.root('namespace'), namespace, isDNS1123Subdomain(namespace)));
  return errs;
}
