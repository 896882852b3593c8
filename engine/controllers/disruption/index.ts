// The disruption controller, built from the controller manager's shared context ("disruption-controller").

import type { Controller, ControllerContext } from '../controller-context.ts';
import { disruptionController } from './disruption-controller.ts';

export function disruptionControllers(ctx: ControllerContext): Controller[] {
  return [disruptionController(ctx)];
}
