// Shared informers, one per resource and options, as client-go's SharedInformerFactory: controllers that watch the
// same resource share one list-watch and one cache.

import type { GroupVersionResource } from '../api/object.ts';
import type { Clock } from '../lab/clock.ts';
import type { InProcessClient } from './in-process-client.ts';
import type { InformerOptions } from './informer.ts';
import { SharedInformer } from './informer.ts';

export class InformerFactory {
  private readonly informers = new Map<string, SharedInformer>();

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
  ) {}

  informerFor(gvr: GroupVersionResource, options: InformerOptions = {}): SharedInformer {
    const key = JSON.stringify([
      gvr.group,
      gvr.version,
      gvr.resource,
      options.namespace,
      options.labelSelector,
      options.fieldSelector,
    ]);
    let informer = this.informers.get(key);
    if (!informer) {
      informer = new SharedInformer(this.client, this.clock, gvr, options);
      this.informers.set(key, informer);
    }
    return informer;
  }

  start(): void {
    for (const informer of this.informers.values()) informer.start();
  }

  async waitForSync(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.waitForSync()));
  }

  stop(): void {
    for (const informer of this.informers.values()) informer.stop();
  }
}
