// The pod garbage collector, built from the controller manager's shared context ("pod-garbage-collector-controller").

import { controllerIndexedInformer } from '../common/controller-ref.ts';
import type { Controller, ControllerContext } from '../controller-context.ts';
import type { PodGCOptions } from './pod-gc-controller.ts';
import { PodGCController } from './pod-gc-controller.ts';

export function podGCControllers(ctx: ControllerContext, options: PodGCOptions = {}): Controller[] {
  const controller = new PodGCController(
    ctx.client,
    ctx.clock,
    {
      pods: controllerIndexedInformer(ctx.informers, { group: '', version: 'v1', resource: 'pods' }),
      nodes: ctx.informers.informerFor({ group: '', version: 'v1', resource: 'nodes' }),
    },
    options,
  );
  return [{ name: 'pod-garbage-collector-controller', run: () => controller.run(), stop: () => controller.stop() }];
}
