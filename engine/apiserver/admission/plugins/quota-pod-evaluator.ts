// How quota measures pods (pkg/quota/v1/evaluator/core/pods.go): every pod counts as `count/pods`; a pod that has
// not finished also counts as `pods` and for the cpu, memory, ephemeral storage, huge pages and extended resources
// it requests and is limited to. Quotas limiting cpu or memory require every container to declare them. Pods fall
// under the Terminating, BestEffort, PriorityClass and CrossNamespacePodAffinity scopes (and their negations).

import type { KubeObject } from '../../../api/object.ts';
import { computePodQOS } from '../../registry/core/pod-qos.ts';
import { isSet, list, record, records, str } from '../../validation/access.ts';
import type { Json } from '../../validation/access.ts';
import type { AdmissionOperation } from '../admission.ts';
import { podLimits, podRequests } from './pod-resources.ts';
import { addInto, resourceList } from './resource-lists.ts';
import type { ResourceList } from './resource-lists.ts';
import { ONE, intersection } from './quota-evaluator.ts';
import type { QuotaEvaluator, ScopeRequirement } from './quota-evaluator.ts';

const POD_COUNT = 'count/pods';
const POD_RESOURCES = [
  POD_COUNT,
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
];
const HUGE_PAGES_PREFIX = 'hugepages-';
const REQUESTS_PREFIX = 'requests.';
/** Names every container must declare once a covering quota limits them (a backward-compatibility rule). */
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
const isExtendedResource = (name: string): boolean => !isNativeResource(name) && !name.startsWith(REQUESTS_PREFIX);

/** podComputeUsageHelper: the quota names requests and limits charge. */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const usage: ResourceList = new Map([['pods', ONE]]);
  for (const resource of ['cpu', 'memory', 'ephemeral-storage']) {
    const request = requests.get(resource);
    if (request) {
      usage.set(resource, request);
      usage.set(`${REQUESTS_PREFIX}${resource}`, request);
    }
    const limit = limits.get(resource);
    if (limit) usage.set(`limits.${resource}`, limit);
  }
  for (const [resource, request] of requests) {
    if (resource.startsWith(HUGE_PAGES_PREFIX)) usage.set(resource, request);
    if (resource.startsWith(HUGE_PAGES_PREFIX) || isExtendedResource(resource)) {
      usage.set(`${REQUESTS_PREFIX}${resource}`, request);
    }
  }
  return usage;
}

const specOf = (pod: KubeObject): Json => record(pod.spec) ?? {};

function isTerminating(spec: Json): boolean {
  return typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds >= 0;
}

function usesCrossNamespaceAffinity(spec: Json): boolean {
  const affinity = record(spec.affinity);
  return ['podAffinity', 'podAntiAffinity'].some((kind) => {
    const terms = record(affinity?.[kind]);
    return [
      ...records(terms?.requiredDuringSchedulingIgnoredDuringExecution),
      ...records(terms?.preferredDuringSchedulingIgnoredDuringExecution).map((w) => record(w.podAffinityTerm) ?? {}),
    ].some((term) => list(term.namespaces).length > 0 || isSet(term, 'namespaceSelector'));
  });
}

/** A PriorityClass requirement as a label selector over {PriorityClass: <the pod's class>}. */
function matchesPriorityClass(requirement: ScopeRequirement, className: string): boolean {
  const has = className !== '';
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(className);
    case 'NotIn':
      return !has || !requirement.values.includes(className);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** The names of `required` a container does not declare. */
function missingForContainer(container: Json, required: ReadonlySet<string>): string[] {
  const resources = record(container.resources);
  const declared = computeUsage(resourceList(resources?.requests), resourceList(resources?.limits));
  return [...required].filter((name) => !declared.has(name));
}

export const podEvaluator: QuotaEvaluator = {
  handles: (operation: AdmissionOperation) => operation === 'CREATE',

  matchingResources(input) {
    const matched = intersection(input, POD_RESOURCES);
    for (const name of input) {
      const hugePages = name.startsWith(HUGE_PAGES_PREFIX) || name.startsWith(`${REQUESTS_PREFIX}${HUGE_PAGES_PREFIX}`);
      if (hugePages || (!isNativeResource(name) && name.startsWith(REQUESTS_PREFIX))) matched.push(name);
    }
    return matched;
  },

  matchesScope(requirement, pod) {
    const spec = specOf(pod);
    switch (requirement.scopeName) {
      case 'Terminating':
        return isTerminating(spec);
      case 'NotTerminating':
        return !isTerminating(spec);
      case 'BestEffort':
        return computePodQOS(spec) === 'BestEffort';
      case 'NotBestEffort':
        return computePodQOS(spec) !== 'BestEffort';
      case 'PriorityClass':
        return matchesPriorityClass(requirement, str(spec.priorityClassName));
      case 'CrossNamespacePodAffinity':
        return usesCrossNamespaceAffinity(spec);
      default:
        return false;
    }
  },

  constraints(required, pod) {
    const requiredSet = new Set(required.filter((name) => VALIDATION_SET.has(name)));
    const spec = specOf(pod);
    const missing = new Map<string, Set<string>>();
    for (const container of [...records(spec.containers), ...records(spec.initContainers)]) {
      for (const name of missingForContainer(container, requiredSet)) {
        const containers = missing.get(name) ?? new Set<string>();
        containers.add(str(container.name));
        missing.set(name, containers);
      }
    }
    if (missing.size === 0) return undefined;
    const parts = [...missing.keys()].sort().map((name) => `${name} for: ${[...missing.get(name)!].sort().join(',')}`);
    return `must specify ${parts.join('; ')}`;
  },

  usage(pod) {
    const usage: ResourceList = new Map([[POD_COUNT, ONE]]);
    const phase = str(record(pod.status)?.phase);
    // Finished pods count as objects only; "pods" and compute resources follow the pod's life.
    if (phase === 'Failed' || phase === 'Succeeded') return usage;
    const spec = specOf(pod);
    addInto(usage, computeUsage(podRequests(spec, { overhead: true }), podLimits(spec, { overhead: true })));
    return usage;
  },
};
