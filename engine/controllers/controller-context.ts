// What every controller of the controller manager is built from: a client acting as the controller manager, the lab
// clock, the shared informers (one list-watch per resource for all controllers), and event recorders named after the
// controller ("deployment-controller", "job-controller"…), as kube-controller-manager hands them out.

import type { EventRecorder } from '../client/event-recorder.ts';
import type { InformerFactory } from '../client/informer-factory.ts';
import type { InProcessClient } from '../client/in-process-client.ts';
import type { Clock } from '../lab/clock.ts';

export interface ControllerContext {
  client: InProcessClient;
  clock: Clock;
  informers: InformerFactory;
  /** An event recorder whose source component is `component`. */
  recorder(component: string): EventRecorder;
}

/** A running control loop: started once the shared informers have synced, stopped with the controller manager. */
export interface Controller {
  readonly name: string;
  run(): void;
  stop(): void;
}
