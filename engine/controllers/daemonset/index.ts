// The DaemonSet controller built from the controller manager's shared context.

import type { Controller, ControllerContext } from '../controller-context.ts';
import { daemonSetController } from './daemonset-controller.ts';

export function daemonSetControllers(ctx: ControllerContext): Controller[] {
  return [daemonSetController(ctx)];
}
