// The garbage collector's graphChanges queue: every add, update and delete its monitors observe, and the "virtual"
// deletes its workers produce for objects the API server says are gone, in arrival order for the single graph builder.
// Unlike a work queue, events are never merged: each one changes the graph.

import type { KubeObject } from '../../api/object.ts';

export interface GraphEvent {
  type: 'add' | 'update' | 'delete';
  /** The object, or for a virtual delete only its name, namespace and uid. */
  obj: KubeObject;
  oldObj?: KubeObject;
  /** The apiVersion and kind of the resource the event was observed on. */
  apiVersion: string;
  kind: string;
  /** Made up by the collector, not observed through an informer. */
  virtual: boolean;
}

export class GraphChanges {
  private readonly events: GraphEvent[] = [];
  private waiter: ((event: GraphEvent | undefined) => void) | undefined;
  private shuttingDown = false;

  add(event: GraphEvent): void {
    if (this.shuttingDown) return;
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter(event);
    else this.events.push(event);
  }

  /** The next event; undefined once the queue is shut down. Meant for one consumer. */
  next(): Promise<GraphEvent | undefined> {
    if (this.shuttingDown) return Promise.resolve(undefined);
    const event = this.events.shift();
    if (event) return Promise.resolve(event);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  shutDown(): void {
    this.shuttingDown = true;
    this.events.length = 0;
    this.waiter?.(undefined);
    this.waiter = undefined;
  }
}
