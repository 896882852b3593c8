// The pod sub-resources the API server itself implements (pkg/registry/core/pod/storage): binding — how the
// scheduler assigns a pod to a node, also served as the legacy /bindings resource — and eviction — a delete that
// respects the pod's PodDisruptionBudget, as `kubectl drain` uses it.

import type { KubeObject } from '../api/object.ts';
import { isPlainObject } from '../api/object.ts';
import { rfc3339 } from '../api/json.ts';
import { builtinSchemas } from '../api/schemas.ts';
import type { ApiResponse } from '../apiserver/endpoints/api-request.ts';
import { parseBody } from '../apiserver/endpoints/decode/parse-body.ts';
import { decodeObject } from '../apiserver/endpoints/handlers/decode-object.ts';
import type { HandlerContext } from '../apiserver/endpoints/handlers/handler-context.ts';
import { fieldValidation, requestScope } from '../apiserver/endpoints/handlers/handler-context.ts';
import { StatusError, badRequest, conflict, invalid, successStatus } from '../apiserver/errors/status-error.ts';
import type { RegistryStore } from '../apiserver/registry/generic/registry-store.ts';
import type { RequestScope } from '../apiserver/registry/generic/request-scope.ts';
import type { ResourceHandler } from '../apiserver/registry/served-resource.ts';
import { LabelSelector } from '../apiserver/selectors/label-selector.ts';
import { validateBinding } from '../apiserver/validation/core/pod.ts';

const BINDING = { group: '', version: 'v1', kind: 'Binding', schema: 'io.k8s.api.core.v1.Binding' };
const EVICTION = { group: 'policy', version: 'v1', kind: 'Eviction', schema: 'io.k8s.api.policy.v1.Eviction' };

function record(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

function readBody(ctx: HandlerContext, kind: typeof BINDING, warnings: string[]): KubeObject {
  const raw = ctx.req.object ?? parseBody(ctx.req.body, ctx.req.headers['content-type']);
  return decodeObject(raw, kind, builtinSchemas, fieldValidation(ctx.req.query), warnings);
}

/** Assigns a pod to a node: sets spec.nodeName and the PodScheduled condition, once. */
async function bind(
  pods: RegistryStore,
  binding: KubeObject,
  namespace: string,
  scope: RequestScope,
  now: number,
): Promise<void> {
  const errors = validateBinding(binding);
  const name = binding.metadata.name ?? '';
  if (errors.length) throw invalid('', 'Binding', name, errors);
  const target = record(binding['target']);
  const bindingResource = { group: '', resource: 'pods/binding' };
  await pods.updateStored(namespace, name, scope, (pod) => {
    if (pod.metadata.deletionTimestamp)
      throw conflict(bindingResource, name, `pod ${name} is being deleted, cannot be assigned to a host`);
    const spec = record(pod['spec']);
    if (spec['nodeName'])
      throw conflict(bindingResource, name, `pod ${name} is already assigned to node "${String(spec['nodeName'])}"`);
    spec['nodeName'] = String(target['name'] ?? '');
    pod['spec'] = spec;
    const annotations = binding.metadata.annotations;
    if (annotations) pod.metadata.annotations = { ...pod.metadata.annotations, ...annotations };
    const status = record(pod['status']);
    const conditions = (Array.isArray(status['conditions']) ? status['conditions'] : []) as Record<string, unknown>[];
    status['conditions'] = [
      ...conditions.filter((c) => c['type'] !== 'PodScheduled'),
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(now) },
    ];
    pod['status'] = status;
    return pod;
  });
}

/** POST …/pods/<name>/binding */
export function podBinding(pods: RegistryStore): ResourceHandler {
  return async (request): Promise<ApiResponse> => {
    const ctx = request as HandlerContext;
    const scope = requestScope(ctx);
    const binding = readBody(ctx, BINDING, scope.warnings);
    if (binding.metadata.name && binding.metadata.name !== ctx.info.name) {
      throw badRequest(`name in URL does not match name in Binding object`);
    }
    binding.metadata.name = ctx.info.name;
    await bind(pods, binding, ctx.info.namespace, scope, ctx.clock.now());
    return { kind: 'object', status: 201, body: { ...successStatus(), code: 201 } };
  };
}

/** POST …/namespaces/<ns>/bindings: the same, with the pod named in the Binding. */
export function bindingsCreate(pods: RegistryStore): ResourceHandler {
  return async (request): Promise<ApiResponse> => {
    const ctx = request as HandlerContext;
    const scope = requestScope(ctx);
    const binding = readBody(ctx, BINDING, scope.warnings);
    await bind(pods, binding, ctx.info.namespace, scope, ctx.clock.now());
    return { kind: 'object', status: 201, body: { ...successStatus(), code: 201 } };
  };
}

/** 429 TooManyRequests: the eviction would break the budget, or the budget is not up to date yet. */
function budgetRefusal(cause: string): StatusError {
  return new StatusError(429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", {
    causes: [{ reason: 'DisruptionBudget', message: cause }],
  });
}

function isPodReady(pod: KubeObject): boolean {
  const conditions = record(pod['status'])['conditions'];
  return (
    Array.isArray(conditions) && conditions.some((c) => record(c)['type'] === 'Ready' && record(c)['status'] === 'True')
  );
}

/**
 * Takes one disruption from the pod's budget (or refuses, as upstream's eviction REST does): a budget whose status
 * does not reflect its spec yet refuses; an unready pod may go without counting when the policy allows it
 * (AlwaysAllow, or IfHealthyBudget while the budget is met); otherwise a disruption must be allowed.
 */
async function takeDisruption(
  pdbs: RegistryStore,
  pdb: KubeObject,
  pod: KubeObject,
  scope: RequestScope,
  now: number,
): Promise<void> {
  const name = pdb.metadata.name ?? '';
  const status = record(pdb['status']);
  if (Number(status['observedGeneration'] ?? 0) < Number(pdb.metadata.generation ?? 0)) {
    throw budgetRefusal(`The disruption budget ${name} is still being processed by the server.`);
  }
  if (!isPodReady(pod)) {
    const policy = String(record(pdb['spec'])['unhealthyPodEvictionPolicy'] ?? 'IfHealthyBudget');
    const healthy = Number(status['currentHealthy'] ?? 0) >= Number(status['desiredHealthy'] ?? 0);
    if (policy === 'AlwaysAllow' || (healthy && Number(status['desiredHealthy'] ?? 0) > 0)) return;
  }
  const allowed = Number(status['disruptionsAllowed'] ?? 0);
  if (allowed < 0) throw new StatusError(403, 'Forbidden', 'pdb disruptions allowed is negative');
  if (allowed === 0) {
    throw budgetRefusal(
      `The disruption budget ${name} needs ${Number(status['desiredHealthy'] ?? 0)} healthy pods and has ${Number(status['currentHealthy'] ?? 0)} currently`,
    );
  }
  await pdbs.updateStored(pdb.metadata.namespace ?? '', name, scope, (current) => {
    const s = record(current['status']);
    s['disruptionsAllowed'] = Number(s['disruptionsAllowed'] ?? 0) - 1;
    s['disruptedPods'] = { ...record(s['disruptedPods']), [pod.metadata.name ?? '']: rfc3339(now) };
    current['status'] = s;
    return current;
  });
}

/** Marks a pod about to be evicted with the DisruptionTarget condition, as the eviction REST does before deleting. */
async function markDisruptionTarget(pods: RegistryStore, pod: KubeObject, scope: RequestScope, now: number) {
  await pods.updateStored(pod.metadata.namespace ?? '', pod.metadata.name ?? '', scope, (current) => {
    const status = record(current['status']);
    const conditions = (Array.isArray(status['conditions']) ? status['conditions'] : []) as Record<string, unknown>[];
    status['conditions'] = [
      ...conditions.filter((c) => c['type'] !== 'DisruptionTarget'),
      {
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: rfc3339(now),
        reason: 'EvictionByEvictionAPI',
        message: 'Eviction API: evicting',
      },
    ];
    current['status'] = status;
    return current;
  });
}

/** POST …/pods/<name>/eviction: deletes the pod unless that would break its PodDisruptionBudget. */
export function podEviction(pods: RegistryStore, pdbs: RegistryStore): ResourceHandler {
  return async (request): Promise<ApiResponse> => {
    const ctx = request as HandlerContext;
    const scope = requestScope(ctx);
    const eviction = readBody(ctx, EVICTION, scope.warnings);
    const { namespace, name } = ctx.info;
    if (eviction.metadata.name && eviction.metadata.name !== name) {
      throw badRequest(`name in URL does not match name in Eviction object`);
    }
    const deleteOptions = record(eviction['deleteOptions']);
    const options = {
      gracePeriodSeconds:
        typeof deleteOptions['gracePeriodSeconds'] === 'number' ? deleteOptions['gracePeriodSeconds'] : undefined,
      propagationPolicy: deleteOptions['propagationPolicy'] as 'Orphan' | 'Background' | 'Foreground' | undefined,
    };
    if (Array.isArray(deleteOptions['dryRun']) && deleteOptions['dryRun'].includes('All')) scope.dryRun = true;

    const pod = await pods.get(namespace, name);
    const phase = String(record(pod['status'])['phase'] ?? '');
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    if (!terminal && phase !== 'Pending' && !pod.metadata.deletionTimestamp) {
      const budgets = (await pdbs.list(namespace, {})).items.filter((pdb) => {
        const selector = record(pdb['spec'])['selector'];
        return isPlainObject(selector) && LabelSelector.fromLabelSelector(selector).matches(pod.metadata.labels);
      });
      if (budgets.length > 1) {
        throw new StatusError(
          500,
          'InternalError',
          'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
        );
      }
      const pdb = budgets[0];
      if (pdb) await takeDisruption(pdbs, pdb, pod, scope, ctx.clock.now());
    }
    if (!scope.dryRun && !terminal && !pod.metadata.deletionTimestamp) {
      await markDisruptionTarget(pods, pod, scope, ctx.clock.now());
    }
    await pods.delete(namespace, name, scope, options);
    return { kind: 'object', status: 201, body: { ...successStatus(), code: 201 } };
  };
}
