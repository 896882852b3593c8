// The EndpointSlice controllers, built from the controller manager's shared context: the one that writes the slices
// of Services with a selector ("endpointslice-controller"), and the one that mirrors custom Endpoints into slices
// ("endpointslice-mirroring-controller").

import type { Controller, ControllerContext } from '../controller-context.ts';
import { endpointSliceController } from './endpointslice-controller.ts';
import { endpointSliceMirroringController } from './mirroring/endpointslice-mirroring-controller.ts';

export function endpointSliceControllers(ctx: ControllerContext): Controller[] {
  return [endpointSliceController(ctx), endpointSliceMirroringController(ctx)];
}
