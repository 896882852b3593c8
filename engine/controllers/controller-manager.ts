// The controller manager: the control loops that run against the API server like kube-controller-manager's, sharing
// informers. Each controller lives in its own folder.

import { InformerFactory } from '../client/informer-factory.ts';
import type { InProcessClient } from '../client/in-process-client.ts';
import type { Clock } from '../lab/clock.ts';
import { GarbageCollector } from './garbagecollector/garbage-collector.ts';
import { NamespaceController } from './namespace/namespace-controller.ts';
import { RootCACertPublisher } from './rootcacertpublisher/root-ca-cert-publisher.ts';
import { ServiceAccountsController } from './serviceaccount/serviceaccounts-controller.ts';

export interface ControllerManagerOptions {
  /** The cluster CA (PEM) the root CA publisher puts in every namespace; without it that controller does not run. */
  rootCAPem?: string;
}

export class ControllerManager {
  private readonly informers: InformerFactory;
  private readonly namespaceController: NamespaceController;
  private readonly serviceAccountsController: ServiceAccountsController;
  private readonly rootCACertPublisher: RootCACertPublisher | undefined;
  private readonly garbageCollector: GarbageCollector;

  constructor(client: InProcessClient, clock: Clock, options: ControllerManagerOptions = {}) {
    this.informers = new InformerFactory(client, clock);
    const namespaces = this.informers.informerFor({ group: '', version: 'v1', resource: 'namespaces' });
    const serviceAccounts = this.informers.informerFor({ group: '', version: 'v1', resource: 'serviceaccounts' });
    this.namespaceController = new NamespaceController(client, clock, namespaces);
    this.serviceAccountsController = new ServiceAccountsController(client, clock, namespaces, serviceAccounts);
    if (options.rootCAPem) {
      const configMaps = this.informers.informerFor({ group: '', version: 'v1', resource: 'configmaps' });
      this.rootCACertPublisher = new RootCACertPublisher(client, clock, options.rootCAPem, namespaces, configMaps);
    }
    this.garbageCollector = new GarbageCollector(client, clock);
  }

  /**
   * Starts the controllers once the shared informers have synced. The garbage collector starts alongside, without
   * holding up start-up: it lists every deletable resource through monitors of its own before its workers run.
   */
  async start(): Promise<void> {
    this.informers.start();
    await this.informers.waitForSync();
    this.namespaceController.run(2);
    this.serviceAccountsController.run();
    this.rootCACertPublisher?.run();
    void this.garbageCollector.run();
  }

  stop(): void {
    this.namespaceController.stop();
    this.serviceAccountsController.stop();
    this.rootCACertPublisher?.stop();
    this.garbageCollector.stop();
    this.informers.stop();
  }
}
