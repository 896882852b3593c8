// The quota evaluators of the built-in kinds (pkg/quota/v1/evaluator/core): pods, Services (node ports and load
// balancers), PersistentVolumeClaims (storage, also per StorageClass), object counts with their legacy names for
// ConfigMaps, Secrets, ReplicationControllers and ResourceQuotas, and an object count for every other kind.

import type { KubeObject } from '../../../api/object.ts';
import { Quantity } from '../../../api/quantity.ts';
import { record, records, str } from '../../validation/access.ts';
import { ZERO_QUANTITY } from '../../validation/core/quantities.ts';
import { BETA_STORAGE_CLASS_ANNOTATION } from './default-storage-class.ts';
import { resourceList } from './resource-lists.ts';
import type { ResourceList } from './resource-lists.ts';
import { ONE, intersection, objectCountEvaluator } from './quota-evaluator.ts';
import type { QuotaEvaluator } from './quota-evaluator.ts';
import { podEvaluator } from './quota-pod-evaluator.ts';

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const SERVICE_RESOURCES = ['count/services', 'services', 'services.nodeports', 'services.loadbalancers'];
const CLAIM_RESOURCES = ['persistentvolumeclaims', 'count/persistentvolumeclaims', 'requests.storage'];

/** The kinds whose object count quota also knows by its name from before `count/` existed. */
const LEGACY_COUNT_NAMES: Record<string, string> = {
  configmaps: 'configmaps',
  resourcequotas: 'resourcequotas',
  replicationcontrollers: 'replicationcontrollers',
  secrets: 'secrets',
};

const noScopes = (): boolean => false;
const noConstraints = (): undefined => undefined;
const createOrUpdate = (operation: string): boolean => operation === 'CREATE' || operation === 'UPDATE';

const count = (n: number): Quantity => (n === 0 ? ZERO_QUANTITY : Quantity.parse(String(n)));

const serviceEvaluator: QuotaEvaluator = {
  handles: createOrUpdate,
  matchingResources: (input) => intersection(input, SERVICE_RESOURCES),
  matchesScope: noScopes,
  constraints: noConstraints,
  usage(service) {
    const spec = record(service.spec) ?? {};
    const ports = records(spec.ports);
    let nodePorts = 0;
    let loadBalancers = 0;
    if (str(spec.type) === 'NodePort') nodePorts = ports.length;
    if (str(spec.type) === 'LoadBalancer') {
      loadBalancers = 1;
      // Without allocated node ports only the ports that ask for one count.
      nodePorts =
        spec.allocateLoadBalancerNodePorts === false ? ports.filter((p) => Boolean(p.nodePort)).length : ports.length;
    }
    return new Map([
      ['count/services', ONE],
      ['services', ONE],
      ['services.loadbalancers', count(loadBalancers)],
      ['services.nodeports', count(nodePorts)],
    ]);
  },
};

/** storagehelpers.GetPersistentVolumeClaimClass: the beta annotation first, then spec.storageClassName. */
function claimClass(claim: KubeObject): string {
  return claim.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? str(record(claim.spec)?.storageClassName);
}

/** Storage is charged in whole bytes (kubernetes#94313). */
function wholeBytes(quantity: Quantity): Quantity {
  const rounded = Quantity.parse(String(quantity.value()));
  return rounded.cmp(quantity) === 0 ? quantity : rounded;
}

const claimEvaluator: QuotaEvaluator = {
  handles: createOrUpdate,
  matchingResources: (input) =>
    input.filter(
      (name) =>
        CLAIM_RESOURCES.includes(name) ||
        CLAIM_RESOURCES.some((resource) => name.endsWith(`${STORAGE_CLASS_SUFFIX}${resource}`)),
    ),
  matchesScope: noScopes,
  constraints: noConstraints,
  usage(claim) {
    const className = claimClass(claim);
    const usage: ResourceList = new Map([
      ['persistentvolumeclaims', ONE],
      ['count/persistentvolumeclaims', ONE],
    ]);
    if (className) usage.set(`${className}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, ONE);
    const storage = resourceList(record(record(claim.spec)?.resources)?.requests).get('storage');
    if (storage) {
      usage.set('requests.storage', wholeBytes(storage));
      if (className) usage.set(`${className}${STORAGE_CLASS_SUFFIX}requests.storage`, wholeBytes(storage));
    }
    return usage;
  },
};

/** The evaluator of a group and resource: a special one for pods, Services and claims, else an object count. */
export function quotaEvaluatorFor(group: string, resource: string): QuotaEvaluator {
  if (group === '') {
    if (resource === 'pods') return podEvaluator;
    if (resource === 'services') return serviceEvaluator;
    if (resource === 'persistentvolumeclaims') return claimEvaluator;
    return objectCountEvaluator(group, resource, LEGACY_COUNT_NAMES[resource]);
  }
  return objectCountEvaluator(group, resource);
}
