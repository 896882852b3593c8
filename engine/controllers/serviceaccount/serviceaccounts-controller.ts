// The ServiceAccount controller (pkg/controller/serviceaccount): every active namespace has a ServiceAccount named
// "default"; it is created with the namespace and again if someone deletes it.

import type { KubeObject } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';

const DEFAULT_ACCOUNT = 'default';

export class ServiceAccountsController {
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: InProcessClient,
    clock: Clock,
    private readonly namespaces: SharedInformer,
    private readonly serviceAccounts: SharedInformer,
  ) {
    this.queue = new WorkQueue(clock, 'serviceaccount');
    namespaces.addEventHandler({
      onAdd: (ns) => this.queue.add(ns.metadata.name!),
      onUpdate: (_old, ns) => this.queue.add(ns.metadata.name!),
    });
    serviceAccounts.addEventHandler({
      onDelete: (sa) => {
        if (sa.metadata.name === DEFAULT_ACCOUNT) this.queue.add(sa.metadata.namespace!);
      },
    });
  }

  run(workers = 1): void {
    runWorkers(this.queue, workers, (key) => this.sync(key));
  }

  stop(): void {
    this.queue.shutDown();
  }

  private async sync(namespace: string): Promise<void> {
    const ns = this.namespaces.lister.get('', namespace);
    if (!ns || ns.metadata.deletionTimestamp || (ns['status'] as { phase?: string } | undefined)?.phase !== 'Active')
      return;
    if (this.serviceAccounts.lister.get(namespace, DEFAULT_ACCOUNT)) return;
    const sa: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_ACCOUNT, namespace } };
    try {
      await this.client.request('POST', `/api/v1/namespaces/${namespace}/serviceaccounts`, { body: sa });
    } catch (error) {
      if (!isStatusError(error, 'AlreadyExists') && !isStatusError(error, 'Forbidden')) throw error;
    }
  }
}
