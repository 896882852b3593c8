// An informer whose cache is a map the bench writes to: what kube-proxy uses of a shared informer (handlers, start,
// waitForSync, the indexer's list), with upserts and deletes delivered to the handlers at once.

import type { KubeObject } from '../../../engine/api/object.ts';
import type { EventHandlers } from '../../../engine/client/informer.ts';
import type { InformerSource } from '../../../engine/node/kube-proxy/kube-proxy.ts';

export class MemoryInformer implements InformerSource {
  private readonly objects = new Map<string, KubeObject>();
  private readonly handlers: EventHandlers[] = [];
  readonly indexer = { list: (): KubeObject[] => [...this.objects.values()] };

  addEventHandler(handlers: EventHandlers): void {
    this.handlers.push(handlers);
  }

  start(): void {}

  waitForSync(): Promise<void> {
    return Promise.resolve();
  }

  upsert(obj: KubeObject): void {
    const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
    const old = this.objects.get(key);
    this.objects.set(key, obj);
    for (const handler of this.handlers) {
      if (old) handler.onUpdate?.(old, obj);
      else handler.onAdd?.(obj);
    }
  }
}
