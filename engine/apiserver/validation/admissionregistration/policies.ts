// ValidatingAdmissionPolicies and their bindings (pkg/apis/admissionregistration/validation): a policy has a
// failure policy, match constraints with at least one resource rule, and validations or audit annotations; a
// binding names a policy, at most one way to find parameters, and non-conflicting validation actions. CEL
// expressions are checked for presence, not compiled.

import {
  FieldPath,
  duplicate,
  forbiddenField,
  invalidValue,
  notSupported,
  required,
} from '../../errors/field-error.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { list, record, records, recordOrEmpty, str } from '../access.ts';
import type { Json } from '../access.ts';
import { validateConditions } from '../conditions.ts';
import { invalidEach, validateQualifiedName } from '../generic.ts';
import { validateLabelSelector } from '../label-selector.ts';
import { isDNS1035Label, isDNS1123Subdomain, nameIsDNSSubdomain } from '../names.ts';
import { isValidPathSegmentName } from '../path-segment-name.ts';
import { validateMatchConditions, validateMatchResources } from './rules.ts';
import { FAILURE_POLICIES } from './webhooks.ts';

const SPEC = FieldPath.root('spec');
const VALIDATION_REASONS = ['Forbidden', 'Invalid', 'RequestEntityTooLarge'];
const VALIDATION_ACTIONS = ['Audit', 'Deny', 'Warn'];
const PARAMETER_NOT_FOUND_ACTIONS = ['Deny', 'Allow'];
const MAX_AUDIT_ANNOTATIONS = 20;
const MAX_VALUE_EXPRESSION_LENGTH = 5 * 1024;
const CEL_IDENTIFIER = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
const CEL_RESERVED = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);

const hasNewlines = (value: string): boolean => /[\n\r]/.test(value);

function validateParamKind(paramKind: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const apiVersion = str(paramKind.apiVersion);
  if (apiVersion === '') {
    errs.push(required(path.child('apiVersion')));
  } else if (apiVersion.split('/').length > 2) {
    errs.push(invalidValue(path.child('apiVersion'), apiVersion, `unexpected GroupVersion string: ${apiVersion}`));
  } else if (apiVersion !== '/') {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    const groupProblems = isDNS1123Subdomain(group);
    if (group !== '' && groupProblems.length > 0)
      errs.push(invalidValue(path.child('apiVersion'), group, groupProblems.join(',')));
    if (version === '') errs.push(invalidValue(path.child('apiVersion'), apiVersion, 'version must be specified'));
    else if (isDNS1035Label(version).length > 0)
      errs.push(invalidValue(path.child('apiVersion'), version, isDNS1035Label(version).join(',')));
  }
  const kind = str(paramKind.kind);
  if (kind === '') errs.push(required(path.child('kind')));
  else if (isDNS1035Label(kind.toLowerCase()).length > 0) {
    errs.push(
      invalidValue(
        path.child('kind'),
        kind,
        `may have mixed case, but should otherwise match: ${isDNS1035Label(kind.toLowerCase()).join(',')}`,
      ),
    );
  }
  return errs;
}

function validateValidation(validation: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (str(validation.expression).trim() === '')
    errs.push(required(path.child('expression'), 'expression is not specified'));
  const messageExpression = str(validation.messageExpression);
  if (messageExpression !== '' && messageExpression.trim() === '') {
    errs.push(invalidValue(path.child('messageExpression'), messageExpression, 'must be non-empty if specified'));
  }
  const message = str(validation.message);
  if (message !== '' && message.trim() === '')
    errs.push(invalidValue(path.child('message'), message, 'message must be non-empty if specified'));
  else if (hasNewlines(message.trim()))
    errs.push(invalidValue(path.child('message'), message, 'message must not contain line breaks'));
  if (typeof validation.reason === 'string' && !VALIDATION_REASONS.includes(validation.reason)) {
    errs.push(notSupported(path.child('reason'), validation.reason, VALIDATION_REASONS));
  }
  return errs;
}

function validateVariable(variable: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(variable.name);
  if (name.trim() === '') errs.push(required(path.child('name'), 'name is not specified'));
  else if (!CEL_IDENTIFIER.test(name) || CEL_RESERVED.has(name))
    errs.push(invalidValue(path.child('name'), name, 'name is not a valid CEL identifier'));
  if (str(variable.expression).trim() === '')
    errs.push(required(path.child('expression'), 'expression is not specified'));
  return errs;
}

function validateAuditAnnotation(policyName: string, annotation: Json, path: FieldPath): FieldError[] {
  const key = str(annotation.key);
  const errs =
    policyName !== ''
      ? validateQualifiedName(`${policyName}/${key}`, path.child('key'))
      : [invalidValue(path.child('key'), key, 'requires metadata.name be non-empty')];
  const valueExpression = str(annotation.valueExpression).trim();
  if (valueExpression === '') errs.push(required(path.child('valueExpression'), 'valueExpression is not specified'));
  else if (valueExpression.length > MAX_VALUE_EXPRESSION_LENGTH) {
    errs.push(
      required(path.child('valueExpression'), `must not exceed ${MAX_VALUE_EXPRESSION_LENGTH} bytes in length`),
    );
  }
  return errs;
}

export function validateValidatingAdmissionPolicy(policy: Json): FieldError[] {
  const spec = recordOrEmpty(policy.spec);
  const errs: FieldError[] = [];
  if (typeof spec.failurePolicy !== 'string') errs.push(required(SPEC.child('failurePolicy')));
  else if (!FAILURE_POLICIES.includes(spec.failurePolicy))
    errs.push(notSupported(SPEC.child('failurePolicy'), spec.failurePolicy, FAILURE_POLICIES));
  const paramKind = record(spec.paramKind);
  if (paramKind) errs.push(...validateParamKind(paramKind, SPEC.child('paramKind')));
  const constraints = record(spec.matchConstraints);
  if (!constraints) {
    errs.push(required(SPEC.child('matchConstraints')));
  } else {
    errs.push(...validateMatchResources(constraints, SPEC.child('matchConstraints')));
    if (list(constraints.resourceRules).length === 0)
      errs.push(required(SPEC.child('matchConstraints', 'resourceRules')));
  }
  errs.push(...validateMatchConditions(spec.matchConditions, SPEC.child('matchConditions')));
  records(spec.variables).forEach((v, i) => errs.push(...validateVariable(v, SPEC.child('variables').index(i))));
  const validations = records(spec.validations);
  const annotations = records(spec.auditAnnotations);
  if (validations.length === 0 && annotations.length === 0) {
    errs.push(required(SPEC.child('validations'), 'validations or auditAnnotations must contain at least one item'));
    errs.push(
      required(SPEC.child('auditAnnotations'), 'validations or auditAnnotations must contain at least one item'),
    );
    return errs;
  }
  validations.forEach((v, i) => errs.push(...validateValidation(v, SPEC.child('validations').index(i))));
  if (annotations.length > MAX_AUDIT_ANNOTATIONS) {
    errs.push(
      invalidValue(
        SPEC.child('auditAnnotations'),
        spec.auditAnnotations,
        `must not have more than ${MAX_AUDIT_ANNOTATIONS} auditAnnotations`,
      ),
    );
  }
  const keys = new Set<string>();
  const policyName = str(recordOrEmpty(policy.metadata).name);
  annotations.forEach((a, i) => {
    const path = SPEC.child('auditAnnotations').index(i);
    errs.push(...validateAuditAnnotation(policyName, a, path));
    if (keys.has(str(a.key))) errs.push(duplicate(path.child('key'), str(a.key)));
    keys.add(str(a.key));
  });
  return errs;
}

export function validateValidatingAdmissionPolicyStatus(policy: Json): FieldError[] {
  const status = recordOrEmpty(policy.status);
  const errs: FieldError[] = [];
  const path = FieldPath.root('status');
  records(recordOrEmpty(status.typeChecking).expressionWarnings).forEach((w, i) => {
    const at = path.child('typeChecking', 'expressionWarnings').index(i);
    if (str(w.warning) === '') errs.push(required(at.child('warning')));
    if (str(w.fieldRef).trim() === '') errs.push(required(at.child('fieldRef')));
  });
  errs.push(...validateConditions(status.conditions, path.child('conditions')));
  return errs;
}

function validateParamRef(paramRef: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(paramRef.name);
  const selector = record(paramRef.selector);
  if (name !== '') {
    errs.push(...invalidEach(path.child('name'), name, isValidPathSegmentName(name)));
    if (selector) errs.push(forbiddenField(path.child('name'), 'name and selector are mutually exclusive'));
  }
  if (selector) {
    errs.push(...validateLabelSelector(selector, {}, path.child('selector')));
    if (name !== '') errs.push(forbiddenField(path.child('selector'), 'name and selector are mutually exclusive'));
  }
  if (name === '' && !selector) errs.push(required(path, 'one of name or selector must be specified'));
  const action = str(paramRef.parameterNotFoundAction);
  if (action === '') errs.push(required(path.child('parameterNotFoundAction')));
  else if (!PARAMETER_NOT_FOUND_ACTIONS.includes(action))
    errs.push(notSupported(path.child('parameterNotFoundAction'), action, PARAMETER_NOT_FOUND_ACTIONS));
  return errs;
}

function validateValidationActions(actions: string[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  actions.forEach((action, i) => {
    if (!VALIDATION_ACTIONS.includes(action)) errs.push(notSupported(path.index(i), action, VALIDATION_ACTIONS));
    if (seen.has(action)) errs.push(duplicate(path.index(i), action));
    seen.add(action);
  });
  if (seen.has('Deny') && seen.has('Warn')) {
    errs.push(
      invalidValue(
        path,
        actions,
        'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
      ),
    );
  }
  if (seen.size === 0) errs.push(required(path, 'at least one validation action is required'));
  return errs;
}

export function validateValidatingAdmissionPolicyBinding(binding: Json): FieldError[] {
  const spec = recordOrEmpty(binding.spec);
  const errs: FieldError[] = [];
  const policyName = str(spec.policyName);
  if (policyName === '') errs.push(required(SPEC.child('policyName')));
  else errs.push(...invalidEach(SPEC.child('policyName'), policyName, nameIsDNSSubdomain(policyName, false)));
  const paramRef = record(spec.paramRef);
  if (paramRef) errs.push(...validateParamRef(paramRef, SPEC.child('paramRef')));
  errs.push(...validateMatchResources(spec.matchResources, SPEC.child('matchResouces')));
  errs.push(...validateValidationActions(list(spec.validationActions).map(str), SPEC.child('validationActions')));
  return errs;
}
