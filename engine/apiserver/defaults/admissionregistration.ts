// Defaults of admissionregistration.k8s.io/v1 (pkg/apis/admissionregistration/v1/defaults.go): webhooks fail
// closed, match equivalent requests, select everything, time out after 10 seconds and (mutating ones) are never
// reinvoked; rules cover every scope; services listen on 443; policies fail closed; parameter lookups deny when
// the parameter is missing.

import type { KubeObject } from '../../api/object.ts';
import { ensureRecord, record, records } from '../validation/access.ts';
import type { Json } from '../validation/access.ts';

function setIfAbsent(obj: Json, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

function setRuleDefaults(rules: unknown): void {
  for (const rule of records(rules)) setIfAbsent(rule, 'scope', '*');
}

function setMatchResourcesDefaults(match: Json | undefined): void {
  if (!match) return;
  setIfAbsent(match, 'matchPolicy', 'Equivalent');
  ensureRecord(match, 'namespaceSelector');
  ensureRecord(match, 'objectSelector');
  setRuleDefaults(match.resourceRules);
  setRuleDefaults(match.excludeResourceRules);
}

function setWebhookDefaults(hook: Json, mutating: boolean): void {
  setIfAbsent(hook, 'failurePolicy', 'Fail');
  setIfAbsent(hook, 'matchPolicy', 'Equivalent');
  ensureRecord(hook, 'namespaceSelector');
  ensureRecord(hook, 'objectSelector');
  setIfAbsent(hook, 'timeoutSeconds', 10);
  if (mutating) setIfAbsent(hook, 'reinvocationPolicy', 'Never');
  setRuleDefaults(hook.rules);
  const service = record(record(hook.clientConfig)?.service);
  if (service) setIfAbsent(service, 'port', 443);
}

export function setValidatingWebhookConfigurationDefaults(config: KubeObject): void {
  for (const hook of records(config.webhooks)) setWebhookDefaults(hook, false);
}

export function setMutatingWebhookConfigurationDefaults(config: KubeObject): void {
  for (const hook of records(config.webhooks)) setWebhookDefaults(hook, true);
}

export function setValidatingAdmissionPolicyDefaults(policy: KubeObject): void {
  const spec = ensureRecord(policy, 'spec');
  setIfAbsent(spec, 'failurePolicy', 'Fail');
  setMatchResourcesDefaults(record(spec.matchConstraints));
}

export function setValidatingAdmissionPolicyBindingDefaults(binding: KubeObject): void {
  const spec = ensureRecord(binding, 'spec');
  setMatchResourcesDefaults(record(spec.matchResources));
  const paramRef = record(spec.paramRef);
  if (paramRef) setIfAbsent(paramRef, 'parameterNotFoundAction', 'Deny');
}
