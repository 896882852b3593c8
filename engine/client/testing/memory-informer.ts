// An informer whose cache is a map a test or benchmark writes to: what components use of a shared informer
// (handlers, start, waitForSync, the indexer's list), with upserts and deletes delivered to the handlers at once.

import type { KubeObject } from '../../api/object.ts';
import type { EventHandlers } from '../informer.ts';

export class MemoryInformer {
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
    const key = keyOf(obj);
    const old = this.objects.get(key);
    this.objects.set(key, obj);
    for (const handler of this.handlers) {
      if (old) handler.onUpdate?.(old, obj);
      else handler.onAdd?.(obj);
    }
  }

  delete(obj: KubeObject): void {
    this.objects.delete(keyOf(obj));
    for (const handler of this.handlers) handler.onDelete?.(obj);
  }
}

function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}
