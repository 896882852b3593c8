// Pods (pkg/registry/core/pod): a new pod starts Pending with its QoS class; an update may change almost nothing
// in its spec; deletion is graceful for scheduled, running pods (their terminationGracePeriodSeconds by default)
// and immediate for unscheduled or finished ones.

import type { KubeObject } from '../../../api/object.ts';
import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition, ResourceStrategy } from '../resource-definition.ts';
import {
  PROXY_VERBS,
  keepMetadata,
  STATUS_VERBS,
  statusSubresource,
  subresource,
  warnIfNameNotDNSLabel,
} from '../definition-helpers.ts';
import { setPodDefaults } from '../../defaults/core.ts';
import { list, optNum, record, records, recordOrEmpty, str, stringMap } from '../../validation/access.ts';
import type { Json } from '../../validation/access.ts';
import { nameIsDNSSubdomain } from '../../validation/names.ts';
import { validatePodCreate, validatePodStatusUpdate, validatePodUpdate } from '../../validation/core/pod.ts';
import { computePodQOS } from './pod-qos.ts';

function specOf(pod: KubeObject): Json {
  return recordOrEmpty(pod.spec);
}

/** matchLabelKeys and mismatchLabelKeys become In and NotIn requirements on the pod's own label values. */
function mutatePodAffinity(pod: KubeObject): void {
  const labels = stringMap(pod.metadata.labels);
  const affinity = record(specOf(pod).affinity);
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const terms = record(affinity?.[kind]);
    if (!terms) continue;
    const all = [
      ...records(terms.requiredDuringSchedulingIgnoredDuringExecution),
      ...records(terms.preferredDuringSchedulingIgnoredDuringExecution).map((w) => recordOrEmpty(w.podAffinityTerm)),
    ];
    for (const term of all) {
      const selector = record(term.labelSelector);
      if (!selector) continue;
      const expressions = records(selector.matchExpressions);
      const add = (keys: unknown, operator: 'In' | 'NotIn'): void => {
        for (const key of list(keys).map(str)) {
          if (key in labels) expressions.push({ key, operator, values: [labels[key] ?? ''] });
        }
      };
      add(term.matchLabelKeys, 'In');
      add(term.mismatchLabelKeys, 'NotIn');
      if (expressions.length > 0) selector.matchExpressions = expressions;
    }
  }
}

export const podStrategy: ResourceStrategy = {
  defaults: setPodDefaults,
  // A pod whose last finalizer goes is deleted only once its grace period is over (the kubelet sets it to 0).
  deleteDuringUpdate: (pod) => pod.metadata.deletionGracePeriodSeconds === 0,
  prepareForCreate(pod) {
    const spec = specOf(pod);
    const status: Json = { phase: 'Pending', qosClass: computePodQOS(spec) };
    if (list(spec.schedulingGates).length > 0) {
      status.conditions = [
        {
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: null,
          reason: 'SchedulingGated',
          message: 'Scheduling is blocked due to non-empty scheduling gates',
        },
      ];
    }
    pod.status = status;
    mutatePodAffinity(pod);
  },
  validate(pod, ctx) {
    warnIfNameNotDNSLabel(pod, ctx, "the Pod's hostname");
    return validatePodCreate(pod);
  },
  // The kubelet's status writes must not change who owns the pod.
  prepareForStatusUpdate: (pod, old) => keepMetadata(pod, old, ['ownerReferences']),
  validateUpdate: (pod, old) => validatePodUpdate(pod, old),
  validateStatusUpdate: (pod, old) => validatePodStatusUpdate(pod, old),
  gracefulDeletion(pod, requested) {
    const spec = specOf(pod);
    let period = requested ?? optNum(spec.terminationGracePeriodSeconds) ?? 0;
    if (str(spec.nodeName) === '') period = 0;
    const phase = str(recordOrEmpty(pod.status).phase);
    if (phase === 'Failed' || phase === 'Succeeded') period = 0;
    return period < 0 ? 1 : period;
  },
  returnDeletedObject: true,
  allowCreateOnUpdate: false,
  allowUnconditionalUpdate: true,
};

export const podsResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  listKind: 'PodList',
  resource: 'pods',
  singular: 'pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.core.v1.Pod',
  subresources: {
    attach: subresource('', 'v1', 'PodAttachOptions', ['create', 'get']),
    binding: subresource('', 'v1', 'Binding', ['create']),
    ephemeralcontainers: subresource('', 'v1', 'Pod', STATUS_VERBS),
    eviction: subresource('policy', 'v1', 'Eviction', ['create']),
    exec: subresource('', 'v1', 'PodExecOptions', ['create', 'get']),
    log: subresource('', 'v1', 'Pod', ['get']),
    portforward: subresource('', 'v1', 'PodPortForwardOptions', ['create', 'get']),
    proxy: subresource('', 'v1', 'PodProxyOptions', PROXY_VERBS),
    status: statusSubresource('', 'Pod'),
  },
  strategy: podStrategy,
  fieldSelectors: {
    'spec.nodeName': (pod) => str(specOf(pod).nodeName),
    'spec.restartPolicy': (pod) => str(specOf(pod).restartPolicy),
    'spec.schedulerName': (pod) => str(specOf(pod).schedulerName),
    'spec.serviceAccountName': (pod) => str(specOf(pod).serviceAccountName),
    'spec.hostNetwork': (pod) => String(specOf(pod).hostNetwork === true),
    'status.phase': (pod) => str(recordOrEmpty(pod.status).phase),
    'status.podIP': (pod) => str(records(recordOrEmpty(pod.status).podIPs)[0]?.ip),
    'status.nominatedNodeName': (pod) => str(recordOrEmpty(pod.status).nominatedNodeName),
  },
  validateName: nameIsDNSSubdomain,
};
