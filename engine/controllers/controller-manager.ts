// The controller manager: the control loops that run against the API server like kube-controller-manager's, sharing
// informers. Each controller lives in its own folder; ALL_CONTROLLERS lists them.

import { EventRecorder } from '../client/event-recorder.ts';
import { InformerFactory } from '../client/informer-factory.ts';
import type { InProcessClient } from '../client/in-process-client.ts';
import type { Clock } from '../lab/clock.ts';
import { allControllers } from './all-controllers.ts';
import type { ControllerManagerOptions } from './all-controllers.ts';
import type { Controller, ControllerContext } from './controller-context.ts';

export type { ControllerManagerOptions };

export class ControllerManager {
  private readonly informers: InformerFactory;
  private readonly controllers: Controller[];

  constructor(client: InProcessClient, clock: Clock, options: ControllerManagerOptions = {}) {
    this.informers = new InformerFactory(client, clock);
    const context: ControllerContext = {
      client,
      clock,
      informers: this.informers,
      recorder: (component) => new EventRecorder(client, clock, { component }),
    };
    this.controllers = allControllers(context, options);
  }

  /** Starts the controllers once the shared informers they asked for have synced. */
  async start(): Promise<void> {
    this.informers.start();
    await this.informers.waitForSync();
    for (const controller of this.controllers) controller.run();
  }

  stop(): void {
    for (const controller of this.controllers) controller.stop();
    this.informers.stop();
  }
}
