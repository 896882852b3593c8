// The scheduling.k8s.io group (pkg/apis/scheduling/validation): PriorityClasses. Names starting with "system-"
// are reserved for the two built-in classes (with their exact values); other classes stay at or below one billion.
// The value and the preemption policy never change. That only one class is the global default is admission's rule.

import { FieldPath, forbiddenField, notSupported, required } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { num, recordOrEmpty, str } from './access.ts';
import type { Json } from './access.ts';
import { validateImmutableField } from './generic.ts';

const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-';
const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;

/** The classes every cluster has, with the values and defaults they must keep. */
const SYSTEM_PRIORITY_CLASSES: readonly { name: string; value: number; globalDefault: boolean }[] = [
  { name: 'system-node-critical', value: SYSTEM_CRITICAL_PRIORITY + 1000, globalDefault: false },
  { name: 'system-cluster-critical', value: SYSTEM_CRITICAL_PRIORITY, globalDefault: false },
];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

/** Why a "system-" class is not one of the built-in ones, or undefined when it is. */
function systemClassProblem(name: string, value: number, globalDefault: boolean): string | undefined {
  const known = SYSTEM_PRIORITY_CLASSES.find((c) => c.name === name);
  if (!known) return `${name} is not a known system priority class`;
  if (known.value !== value) return `value of ${name} PriorityClass must be ${known.value}`;
  if (known.globalDefault !== globalDefault)
    return `globalDefault of ${name} PriorityClass must be ${known.globalDefault}`;
  return undefined;
}

export function validatePriorityClass(pc: Json): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(recordOrEmpty(pc.metadata).name);
  const value = num(pc.value);
  if (name.startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const problem = systemClassProblem(name, value, pc.globalDefault === true);
    if (problem) {
      errs.push(
        forbiddenField(
          FieldPath.root('metadata').child('name'),
          `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${problem}`,
        ),
      );
    }
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(
      forbiddenField(
        FieldPath.root('value'),
        `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`,
      ),
    );
  }
  const policy = pc.preemptionPolicy;
  if (typeof policy === 'string') {
    if (policy === '') errs.push(required(FieldPath.root('preemptionPolicy')));
    else if (!PREEMPTION_POLICIES.includes(policy))
      errs.push(notSupported(FieldPath.root('preemptionPolicy'), policy, PREEMPTION_POLICIES));
  }
  return errs;
}

export function validatePriorityClassUpdate(pc: Json, old: Json): FieldError[] {
  const errs: FieldError[] = [];
  if (num(pc.value) !== num(old.value))
    errs.push(forbiddenField(FieldPath.root('value'), 'may not be changed in an update.'));
  errs.push(...validateImmutableField(pc.preemptionPolicy, old.preemptionPolicy, FieldPath.root('preemptionPolicy')));
  return errs;
}
