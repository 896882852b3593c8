import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/object.ts';
import type { EventHandlers, SharedInformer } from '../client/informer.ts';
import { Readiness } from './readiness.ts';

/** An informer stand-in whose events the test sends. */
function fakeInformer(): { informer: SharedInformer; handlers: EventHandlers[] } {
  const handlers: EventHandlers[] = [];
  return {
    informer: { addEventHandler: (h: EventHandlers) => handlers.push(h) } as unknown as SharedInformer,
    handlers,
  };
}

function object(name: string, ready: boolean): KubeObject {
  return {
    metadata: { name },
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  } as KubeObject;
}

describe('Readiness', () => {
  it('waits for every lab node Ready and at least one kube-system pod, all Ready', () => {
    const nodes = fakeInformer();
    const pods = fakeInformer();
    const readiness = new Readiness(nodes.informer, pods.informer, ['node-1', 'node-2']);
    const node = (o: KubeObject) => nodes.handlers.forEach((h) => h.onAdd?.(o));
    const pod = (o: KubeObject) => pods.handlers.forEach((h) => h.onUpdate?.(o, o));
    node(object('node-1', true));
    node(object('other', false));
    expect(readiness.waiting()).toEqual(['node-2']);
    node(object('node-2', true));
    expect(readiness.ready).toBe(false);
    pod(object('kube-proxy-a', false));
    expect(readiness.waiting()).toEqual(['pod kube-proxy-a']);
    pod(object('kube-proxy-a', true));
    expect(readiness.ready).toBe(true);
    nodes.handlers.forEach((h) => h.onDelete?.(object('node-1', true)));
    expect(readiness.waiting()).toEqual(['node-1']);
  });

  it('needs no pods in a cluster without simulated nodes', () => {
    const readiness = new Readiness(fakeInformer().informer, fakeInformer().informer, undefined);
    expect(readiness.ready).toBe(true);
  });
});
