// ResourceQuota admission (plugin/pkg/admission/resourcequota): the last plugin of the chain. A create or update in
// a namespace with ResourceQuotas is refused when it would take a quota beyond its hard limits; when it fits, the
// quotas' status.used is raised by what it uses before the object is stored (never for dry runs). Requests of one
// namespace are checked one at a time, and a usage write that fails (another writer changed the quota) is retried
// against the quota as it is now, three times, as upstream's quota evaluator does.
//
// Admission only ever adds to usage: deletions and objects that fail after admission are the quota controller's to
// reconcile, and until there is one, status.used is what admission charged and is never decremented.

import type { KubeObject } from '../../../api/object.ts';
import type { AdmissionAttributes, AdmissionPlugin } from '../admission.ts';
import type { ListNamespacedObjects } from './lookups.ts';
import { checkQuotaRequest } from './quota-check.ts';
import type { QuotaEvaluator } from './quota-evaluator.ts';
import { quotaEvaluatorFor } from './quota-evaluators.ts';

const UPDATE_RETRIES = 3;

/** Resources quota never counts: virtual ones that are not stored, and events (quota.DefaultIgnoredResources). */
const IGNORED_RESOURCES = new Set([
  '/bindings',
  '/componentstatuses',
  '/events',
  'events.k8s.io/events',
  'authentication.k8s.io/tokenreviews',
  'authentication.k8s.io/selfsubjectreviews',
  'authorization.k8s.io/subjectaccessreviews',
  'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/localsubjectaccessreviews',
  'authorization.k8s.io/selfsubjectrulesreviews',
]);

export interface ResourceQuotaOptions {
  listResourceQuotas: ListNamespacedObjects;
  /**
   * Writes a quota's status (the resourcequotas/status sub-resource), failing with a 409 Conflict when its
   * resourceVersion is no longer the stored one.
   */
  updateResourceQuotaStatus: (quota: KubeObject) => Promise<void>;
}

export class ResourceQuota implements AdmissionPlugin {
  readonly name = 'ResourceQuota';
  /** The last check queued per namespace: each waits for the one before it. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly options: ResourceQuotaOptions) {}

  async validate(a: AdmissionAttributes): Promise<void> {
    if (a.subresource !== '' || a.namespace === '' || !a.object) return;
    if (a.group === '' && a.resource === 'namespaces') return;
    if (IGNORED_RESOURCES.has(`${a.group}/${a.resource}`)) return;
    const evaluator = quotaEvaluatorFor(a.group, a.resource);
    if (!evaluator.handles(a.operation)) return;
    await this.inTurn(a.namespace, () => this.charge(a, evaluator));
  }

  private async charge(a: AdmissionAttributes, evaluator: QuotaEvaluator): Promise<void> {
    let quotas = await this.options.listResourceQuotas(a.namespace);
    for (let retries = UPDATE_RETRIES; ; retries--) {
      const charged = checkQuotaRequest(quotas, a, evaluator);
      if (a.dryRun || charged.length === 0) return;
      const failed = new Set<string>();
      let lastError: unknown;
      for (const quota of charged) {
        try {
          await this.options.updateResourceQuotaStatus(quota);
        } catch (error) {
          failed.add(quota.metadata.name ?? '');
          lastError = error;
        }
      }
      if (failed.size === 0) return;
      if (retries === 0) throw lastError;
      // Only the quotas whose write failed are checked again; the others already hold this request's usage.
      quotas = (await this.options.listResourceQuotas(a.namespace)).filter((q) => failed.has(q.metadata.name ?? ''));
    }
  }

  private async inTurn(namespace: string, task: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(namespace) ?? Promise.resolve();
    const current = previous.then(task);
    const settled = current.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(namespace, settled);
    try {
      await current;
    } finally {
      if (this.queues.get(namespace) === settled) this.queues.delete(namespace);
    }
  }
}
