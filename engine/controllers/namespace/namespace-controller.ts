// The namespace controller (pkg/controller/namespace): when a namespace is Terminating it deletes everything in it,
// resource by resource, reports progress in the namespace's status conditions, and once nothing is left removes the
// "kubernetes" finalizer through the finalize sub-resource, so the namespace itself goes away.

import type { KubeObject } from '../../api/object.ts';
import { isPlainObject } from '../../api/object.ts';
import { rfc3339 } from '../../api/json.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { DiscoveredResource } from '../../client/discovery.ts';
import { discoverResources } from '../../client/discovery.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { resourcePath } from '../../client/resource-path.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';

const FINALIZER = 'kubernetes';
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };
/** How soon to look again while content is still going away (pods finishing their grace period…). */
const RECHECK_MS = 1000;

interface Condition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

class ContentRemaining extends Error {}

export class NamespaceController {
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly namespaces: SharedInformer,
  ) {
    this.queue = new WorkQueue(clock, 'namespace');
    namespaces.addEventHandler({
      onAdd: (ns) => this.enqueue(ns),
      onUpdate: (_old, ns) => this.enqueue(ns),
    });
  }

  run(workers = 1): void {
    runWorkers(
      this.queue,
      workers,
      (key) => this.sync(key),
      (error) => (error instanceof ContentRemaining ? { after: RECHECK_MS } : { after: 'backoff' }),
    );
  }

  stop(): void {
    this.queue.shutDown();
  }

  private enqueue(ns: KubeObject): void {
    if (ns.metadata.deletionTimestamp) this.queue.add(ns.metadata.name!);
  }

  /** Empties a terminating namespace, then finalizes it. */
  private async sync(name: string): Promise<void> {
    const cached = this.namespaces.lister.get('', name);
    if (!cached?.metadata.deletionTimestamp) return;
    const finalizers = this.specFinalizers(cached);
    if (!finalizers.includes(FINALIZER)) return;

    const resources = (await discoverResources(this.client)).filter(
      (r) =>
        r.namespaced &&
        r.verbs.includes('list') &&
        (r.verbs.includes('deletecollection') || r.verbs.includes('delete')),
    );
    const remaining: string[] = [];
    const finalizerCounts = new Map<string, number>();
    const failures: string[] = [];
    for (const resource of resources) {
      try {
        const left = await this.deleteAll(resource, name);
        // Upstream prints "<resource>.<group>", so the core group's read "configmaps." (with the dot).
        if (left.length > 0)
          remaining.push(`${resource.resource}.${resource.group} has ${left.length} resource instances`);
        for (const item of left) {
          for (const finalizer of item.metadata.finalizers ?? [])
            finalizerCounts.set(finalizer, (finalizerCounts.get(finalizer) ?? 0) + 1);
        }
      } catch (error) {
        failures.push(`${resource.resource}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const finalizersLeft = [...finalizerCounts].map(([finalizer, n]) => `${finalizer} in ${n} resource instances`);
    await this.reportConditions(name, remaining.sort(), failures, finalizersLeft.sort());
    if (remaining.length || failures.length) throw new ContentRemaining();
    await this.client.request('PUT', `/api/v1/namespaces/${name}/finalize`, {
      body: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
        spec: { finalizers: finalizers.filter((f) => f !== FINALIZER) },
      },
    });
  }

  /** Deletes every object of one resource in the namespace; returns those still there (held by finalizers). */
  private async deleteAll(resource: DiscoveredResource, namespace: string): Promise<KubeObject[]> {
    const path = resourcePath(resource, namespace);
    if (resource.verbs.includes('deletecollection')) {
      await this.client.request('DELETE', path, { body: { propagationPolicy: 'Background' } });
    } else {
      const list = (await this.client.request('GET', path)) as { items: KubeObject[] };
      for (const item of list.items) {
        try {
          await this.client.request('DELETE', `${path}/${item.metadata.name}`);
        } catch (error) {
          if (!isStatusError(error, 'NotFound')) throw error;
        }
      }
    }
    const after = (await this.client.request('GET', path)) as { items: KubeObject[] };
    return after.items;
  }

  private specFinalizers(ns: KubeObject): string[] {
    const spec = ns['spec'];
    return isPlainObject(spec) && Array.isArray(spec['finalizers']) ? (spec['finalizers'] as string[]) : [];
  }

  /** The five conditions upstream's controller keeps on a terminating namespace. */
  private async reportConditions(
    name: string,
    remaining: string[],
    failures: string[],
    finalizersLeft: string[],
  ): Promise<void> {
    const now = rfc3339(this.clock.now());
    const conditions: Condition[] = [
      {
        type: 'NamespaceDeletionDiscoveryFailure',
        status: 'False',
        reason: 'ResourcesDiscovered',
        message: 'All resources successfully discovered',
      },
      {
        type: 'NamespaceDeletionGroupVersionParsingFailure',
        status: 'False',
        reason: 'ParsedGroupVersions',
        message: 'All legacy kube types successfully parsed',
      },
      failures.length
        ? {
            type: 'NamespaceDeletionContentFailure',
            status: 'True',
            reason: 'ContentDeletionFailed',
            message: `Failed to delete all resource types, ${failures.length} remaining: ${failures.join(', ')}`,
          }
        : {
            type: 'NamespaceDeletionContentFailure',
            status: 'False',
            reason: 'ContentDeleted',
            message: 'All content successfully deleted, may be waiting on finalization',
          },
      remaining.length
        ? {
            type: 'NamespaceContentRemaining',
            status: 'True',
            reason: 'SomeResourcesRemain',
            message: `Some resources are remaining: ${remaining.join(', ')}`,
          }
        : {
            type: 'NamespaceContentRemaining',
            status: 'False',
            reason: 'ContentRemoved',
            message: 'All content successfully removed',
          },
      finalizersLeft.length
        ? {
            type: 'NamespaceFinalizersRemaining',
            status: 'True',
            reason: 'SomeFinalizersRemain',
            message: `Some content in the namespace has finalizers remaining: ${finalizersLeft.join(', ')}`,
          }
        : {
            type: 'NamespaceFinalizersRemaining',
            status: 'False',
            reason: 'ContentHasNoFinalizers',
            message: 'All content-preserving finalizers finished',
          },
    ];
    try {
      const ns = (await this.client.request('GET', resourcePath(NAMESPACES, '', name))) as KubeObject;
      const status = isPlainObject(ns['status']) ? ns['status'] : {};
      const previous = Array.isArray(status['conditions']) ? (status['conditions'] as Condition[]) : [];
      status['conditions'] = conditions.map((c) => {
        const before = previous.find((p) => p.type === c.type);
        return { ...c, lastTransitionTime: before && before.status === c.status ? before.lastTransitionTime : now };
      });
      ns['status'] = status;
      await this.client.request('PUT', resourcePath(NAMESPACES, '', name, 'status'), { body: ns });
    } catch (error) {
      if (!isStatusError(error, 'NotFound') && !isStatusError(error, 'Conflict')) throw error;
    }
  }
}
