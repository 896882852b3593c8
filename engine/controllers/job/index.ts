// The batch controllers built from the controller manager's shared context: Job, CronJob and TTL-after-finished,
// sharing one Job informer indexed by controller uid.

import type { Controller, ControllerContext } from '../controller-context.ts';
import { cronJobController } from '../cronjob/cronjob-controller.ts';
import { ttlAfterFinishedController } from '../ttlafterfinished/ttl-after-finished-controller.ts';
import { jobController } from './job-controller.ts';

export function jobControllers(ctx: ControllerContext): Controller[] {
  return [jobController(ctx), cronJobController(ctx), ttlAfterFinishedController(ctx)];
}
