// The Endpoints controller, built from the controller manager's shared context ("endpoints-controller").

import type { Controller, ControllerContext } from '../controller-context.ts';
import { endpointsController } from './endpoints-controller.ts';

export function endpointsControllers(ctx: ControllerContext): Controller[] {
  return [endpointsController(ctx)];
}
