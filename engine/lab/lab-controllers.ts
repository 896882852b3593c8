// The lab's own control loops, run beside the cluster's: the clock controller and the fault controller, watching
// the lab.kubelab.io resources through their own informers (those resources are served once their CRDs are).

import { InformerFactory } from '../client/informer-factory.ts';
import type { InProcessClient } from '../client/in-process-client.ts';
import type { VirtualClock } from './clock.ts';
import { ClockController } from './clock-controller.ts';
import { FaultController } from './fault-controller.ts';
import type { FaultTargets } from './fault-controller.ts';
import { LAB_GROUP, LAB_VERSION } from './lab-resources.ts';

export class LabControllers {
  private readonly informers: InformerFactory;
  private readonly clockController: ClockController;
  private readonly faultController: FaultController;

  constructor(client: InProcessClient, clock: VirtualClock, targets: FaultTargets) {
    this.informers = new InformerFactory(client, clock);
    const lab = (resource: string) => ({ group: LAB_GROUP, version: LAB_VERSION, resource });
    this.clockController = new ClockController(client, clock, this.informers.informerFor(lab('clocks')));
    this.faultController = new FaultController(client, clock, this.informers.informerFor(lab('faults')), targets);
  }

  async start(): Promise<void> {
    this.informers.start();
    await this.informers.waitForSync();
    this.clockController.run();
    this.faultController.run();
  }

  stop(): void {
    this.clockController.stop();
    this.faultController.stop();
    this.informers.stop();
  }
}
