// The node lifecycle controllers, built from the controller manager's shared context: node health, taints and zone
// rate limits ("node-lifecycle-controller"), and the taint eviction controller that deletes pods from NoExecute-tainted nodes
// ("taint-eviction-controller").

import type { Controller, ControllerContext } from '../controller-context.ts';
import type { NodeLifecycleOptions } from './node-lifecycle-controller.ts';
import { nodeLifecycleController } from './node-lifecycle-controller.ts';
import { taintEvictionController } from './tainteviction/taint-eviction-controller.ts';

export function nodeLifecycleControllers(ctx: ControllerContext, options: NodeLifecycleOptions = {}): Controller[] {
  return [nodeLifecycleController(ctx, options), taintEvictionController(ctx)];
}
