// The admission chain of a lab cluster: the plugins kube-apiserver 1.32 enables by default that kubelab has, in
// upstream's order (pkg/kubeapiserver/options/plugins.go AllOrderedPlugins), ResourceQuota last. Mutating phases
// run in this order, then validating phases in the same order.

import type { KubeObject } from '../../../api/object.ts';
import { AdmissionChain } from '../admission.ts';
import { DefaultStorageClass } from './default-storage-class.ts';
import { DefaultTolerationSeconds } from './default-toleration-seconds.ts';
import { LimitRanger } from './limit-ranger.ts';
import type { GetNamespacedObject, GetObject, ListNamespacedObjects, ListObjects } from './lookups.ts';
import { NamespaceLifecycle } from './namespace-lifecycle.ts';
import { Priority } from './priority.ts';
import { ResourceQuota } from './resource-quota.ts';
import { ServiceAccount } from './service-account.ts';

/** What the plugins read and write besides the object under admission, wired to the cluster's stores. */
export interface AdmissionLookups {
  getNamespace: GetObject;
  getServiceAccount: GetNamespacedObject;
  getPriorityClass: GetObject;
  listPriorityClasses: ListObjects;
  listStorageClasses: ListObjects;
  listLimitRanges: ListNamespacedObjects;
  listResourceQuotas: ListNamespacedObjects;
  /** Writes resourcequotas/status, failing with 409 Conflict when the quota's resourceVersion is stale. */
  updateResourceQuotaStatus: (quota: KubeObject) => Promise<void>;
  /** Waits `ms` of lab time (ServiceAccount admission waits for the default ServiceAccount to appear). */
  sleep: (ms: number) => Promise<void>;
}

export function buildAdmissionChain(lookups: AdmissionLookups): AdmissionChain {
  return new AdmissionChain([
    new NamespaceLifecycle(lookups.getNamespace),
    new LimitRanger(lookups.listLimitRanges),
    new ServiceAccount({ getServiceAccount: lookups.getServiceAccount, sleep: lookups.sleep }),
    new Priority({ getPriorityClass: lookups.getPriorityClass, listPriorityClasses: lookups.listPriorityClasses }),
    new DefaultTolerationSeconds(),
    new DefaultStorageClass(lookups.listStorageClasses),
    new ResourceQuota({
      listResourceQuotas: lookups.listResourceQuotas,
      updateResourceQuotaStatus: lookups.updateResourceQuotaStatus,
    }),
  ]);
}
