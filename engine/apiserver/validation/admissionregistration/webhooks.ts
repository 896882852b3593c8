// Mutating and validating webhook configurations (pkg/apis/admissionregistration/validation): each webhook has a
// fully qualified, unique name, valid rules, known policies, side effects of None or NoneOnDryRun, a timeout of 1
// to 30 seconds, exactly one of a URL or a Service to call, and an AdmissionReview version this server speaks.
// Updates keep accepting what the stored configuration already had.

import { FieldPath, duplicate, invalidValue, notSupported, required } from '../../errors/field-error.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { list, optNum, record, records, str } from '../access.ts';
import type { Json } from '../access.ts';
import { validateFullyQualifiedName } from '../domain-names.ts';
import { validateLabelSelector } from '../label-selector.ts';
import { isDNS1035Label } from '../names.ts';
import { validateWebhookService, validateWebhookURL } from '../webhook-client.ts';
import { MATCH_POLICIES, validateMatchConditions, validateRuleWithOperations } from './rules.ts';

export const FAILURE_POLICIES = ['Fail', 'Ignore'];
const SIDE_EFFECTS = ['None', 'NoneOnDryRun', 'Some', 'Unknown'];
const NO_SIDE_EFFECTS = ['None', 'NoneOnDryRun'];
const REINVOCATION_POLICIES = ['IfNeeded', 'Never'];
const ACCEPTED_REVIEW_VERSIONS = ['v1', 'v1beta1'];

interface Options {
  requireNoSideEffects: boolean;
  requireRecognizedReviewVersion: boolean;
  requireUniqueNames: boolean;
  allowInvalidLabelValueInSelector: boolean;
  mutating: boolean;
}

function validateClientConfig(clientConfig: Json, path: FieldPath): FieldError[] {
  const url = clientConfig.url;
  const service = record(clientConfig.service);
  if ((typeof url === 'string') === (service !== undefined))
    return [required(path, 'exactly one of url or service is required')];
  if (typeof url === 'string') return validateWebhookURL(path.child('url'), url, true);
  const s = service ?? {};
  return validateWebhookService(path.child('service'), {
    namespace: str(s.namespace),
    name: str(s.name),
    path: typeof s.path === 'string' ? s.path : undefined,
    port: optNum(s.port) ?? 443,
  });
}

function validateReviewVersions(versions: string[], requireRecognized: boolean, path: FieldPath): FieldError[] {
  if (versions.length === 0) return [required(path, `must specify one of ${ACCEPTED_REVIEW_VERSIONS.join(', ')}`)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  versions.forEach((v, i) => {
    if (seen.has(v)) {
      errs.push(invalidValue(path.index(i), v, 'duplicate version'));
      return;
    }
    seen.add(v);
    for (const msg of isDNS1035Label(v)) errs.push(invalidValue(path.index(i), v, msg));
  });
  if (requireRecognized && !versions.some((v) => ACCEPTED_REVIEW_VERSIONS.includes(v))) {
    errs.push(invalidValue(path, versions, `must include at least one of ${ACCEPTED_REVIEW_VERSIONS.join(', ')}`));
  }
  return errs;
}

function validateWebhook(hook: Json, options: Options, path: FieldPath): FieldError[] {
  const errs = validateFullyQualifiedName(path.child('name'), str(hook.name));
  records(hook.rules).forEach((rule, i) =>
    errs.push(...validateRuleWithOperations(rule, path.child('rules').index(i))),
  );
  if (typeof hook.failurePolicy === 'string' && !FAILURE_POLICIES.includes(hook.failurePolicy)) {
    errs.push(notSupported(path.child('failurePolicy'), hook.failurePolicy, FAILURE_POLICIES));
  }
  if (typeof hook.matchPolicy === 'string' && !MATCH_POLICIES.includes(hook.matchPolicy)) {
    errs.push(notSupported(path.child('matchPolicy'), hook.matchPolicy, MATCH_POLICIES));
  }
  const allowedSideEffects = options.requireNoSideEffects ? NO_SIDE_EFFECTS : SIDE_EFFECTS;
  if (typeof hook.sideEffects !== 'string')
    errs.push(required(path.child('sideEffects'), `must specify one of ${allowedSideEffects.join(', ')}`));
  else if (!allowedSideEffects.includes(hook.sideEffects))
    errs.push(notSupported(path.child('sideEffects'), hook.sideEffects, allowedSideEffects));
  const timeout = optNum(hook.timeoutSeconds);
  if (timeout !== undefined && (timeout > 30 || timeout < 1)) {
    errs.push(
      invalidValue(path.child('timeoutSeconds'), timeout, 'the timeout value must be between 1 and 30 seconds'),
    );
  }
  const selectorOptions = { allowInvalidLabelValueInSelector: options.allowInvalidLabelValueInSelector };
  for (const field of ['namespaceSelector', 'objectSelector']) {
    if (record(hook[field])) errs.push(...validateLabelSelector(hook[field], selectorOptions, path.child(field)));
  }
  if (
    options.mutating &&
    typeof hook.reinvocationPolicy === 'string' &&
    !REINVOCATION_POLICIES.includes(hook.reinvocationPolicy)
  ) {
    errs.push(notSupported(path.child('reinvocationPolicy'), hook.reinvocationPolicy, REINVOCATION_POLICIES));
  }
  errs.push(...validateClientConfig(record(hook.clientConfig) ?? {}, path.child('clientConfig')));
  errs.push(...validateMatchConditions(hook.matchConditions, path.child('matchConditions')));
  return errs;
}

function validateConfiguration(config: Json, options: Options): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  records(config.webhooks).forEach((hook, i) => {
    const path = FieldPath.root('webhooks').index(i);
    errs.push(...validateWebhook(hook, options, path));
    errs.push(
      ...validateReviewVersions(
        list(hook.admissionReviewVersions).map(str),
        options.requireRecognizedReviewVersion,
        path.child('admissionReviewVersions'),
      ),
    );
    const name = str(hook.name);
    if (options.requireUniqueNames && name !== '') {
      if (names.has(name)) errs.push(duplicate(path.child('name'), name));
      names.add(name);
    }
  });
  return errs;
}

const createOptions = (mutating: boolean): Options => ({
  requireNoSideEffects: true,
  requireRecognizedReviewVersion: true,
  requireUniqueNames: true,
  allowInvalidLabelValueInSelector: false,
  mutating,
});

/** The rules a stored configuration already broke stay relaxed on update. */
function updateOptions(old: Json, mutating: boolean): Options {
  const hooks = records(old.webhooks);
  const names = hooks.map((h) => str(h.name));
  return {
    requireNoSideEffects: hooks.every((h) => NO_SIDE_EFFECTS.includes(str(h.sideEffects))),
    requireRecognizedReviewVersion: hooks.every((h) => {
      const versions = list(h.admissionReviewVersions).map(str);
      return versions.length === 0 || versions.some((v) => ACCEPTED_REVIEW_VERSIONS.includes(v));
    }),
    requireUniqueNames: new Set(names).size === names.length,
    allowInvalidLabelValueInSelector: hooks.some((h) =>
      ['namespaceSelector', 'objectSelector'].some(
        (f) => record(h[f]) && validateLabelSelector(h[f], {}, FieldPath.root('')).length > 0,
      ),
    ),
    mutating,
  };
}

export function validateValidatingWebhookConfiguration(config: Json): FieldError[] {
  return validateConfiguration(config, createOptions(false));
}

export function validateValidatingWebhookConfigurationUpdate(config: Json, old: Json): FieldError[] {
  return validateConfiguration(config, updateOptions(old, false));
}

export function validateMutatingWebhookConfiguration(config: Json): FieldError[] {
  return validateConfiguration(config, createOptions(true));
}

export function validateMutatingWebhookConfigurationUpdate(config: Json, old: Json): FieldError[] {
  return validateConfiguration(config, updateOptions(old, true));
}
