// The service load-balancer controller, built from the controller manager's shared context ("service-lb-controller").

import type { Controller, ControllerContext } from '../controller-context.ts';
import { AddressPool, DEFAULT_LOAD_BALANCER_POOL } from './address-pool.ts';
import { ServiceLBController } from './service-lb-controller.ts';

export function serviceLBControllers(ctx: ControllerContext, pool = DEFAULT_LOAD_BALANCER_POOL): Controller[] {
  const controller = new ServiceLBController(
    ctx.client,
    ctx.clock,
    ctx.informers.informerFor({ group: '', version: 'v1', resource: 'services' }),
    ctx.recorder('service-controller'),
    AddressPool.parse(pool),
  );
  return [{ name: 'service-lb-controller', run: () => controller.run(), stop: () => controller.stop() }];
}
