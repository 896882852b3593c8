// The controller manager: the control loops that run against the API server like kube-controller-manager's, sharing
// informers. Each controller lives in its own folder.

import { InformerFactory } from '../client/informer-factory.ts';
import type { InProcessClient } from '../client/in-process-client.ts';
import type { Clock } from '../lab/clock.ts';
import { NamespaceController } from './namespace/namespace-controller.ts';
import { ServiceAccountsController } from './serviceaccount/serviceaccounts-controller.ts';

export class ControllerManager {
  private readonly informers: InformerFactory;
  private readonly namespaceController: NamespaceController;
  private readonly serviceAccountsController: ServiceAccountsController;

  constructor(client: InProcessClient, clock: Clock) {
    this.informers = new InformerFactory(client, clock);
    const namespaces = this.informers.informerFor({ group: '', version: 'v1', resource: 'namespaces' });
    const serviceAccounts = this.informers.informerFor({ group: '', version: 'v1', resource: 'serviceaccounts' });
    this.namespaceController = new NamespaceController(client, clock, namespaces);
    this.serviceAccountsController = new ServiceAccountsController(client, clock, namespaces, serviceAccounts);
  }

  async start(): Promise<void> {
    this.informers.start();
    await this.informers.waitForSync();
    this.namespaceController.run(2);
    this.serviceAccountsController.run();
  }

  stop(): void {
    this.namespaceController.stop();
    this.serviceAccountsController.stop();
    this.informers.stop();
  }
}
