import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../framework/api-types.ts';
import { AssignedPodDelete, NodeAdd } from '../../framework/events.ts';
import type { QueuedPodInfo } from '../../framework/queued-pod-info.ts';
import { TestFramework } from '../../testing/test-framework.ts';
import { makeNode, makePod } from '../../testing/wrappers.ts';
import { SchedulingQueue } from './scheduling-queue.ts';

/** A queue with the default profile's sort, gates and event registrations, on a paused lab clock. */
function newQueue() {
  const tf = new TestFramework();
  const queue = new SchedulingQueue({
    clock: tf.clock,
    less: (a, b) => tf.framework.queueSortPlugin.less(a, b),
    preEnqueue: (pod) => tf.framework.runPreEnqueuePlugins(pod),
    eventsByPlugin: tf.framework.enqueueExtensions(),
    nominator: tf.nominator,
  });
  return { tf, queue };
}

/** Pops the pod, and hands it back as a failed attempt rejected by `plugins`. */
async function failAttempt(queue: SchedulingQueue, plugins: string[]): Promise<QueuedPodInfo> {
  const pInfo = (await queue.pop())!;
  for (const plugin of plugins) pInfo.unschedulablePlugins.add(plugin);
  queue.addUnschedulableIfNotPresent(pInfo);
  return pInfo;
}

const bigNode = (): Node => makeNode().name('big').capacity({ cpu: '64' }).obj();
const smallNode = (): Node => makeNode().name('small').capacity({ cpu: '1' }).obj();
const needs8Cpu = (): Pod => makePod().name('p').req({ cpu: '8' }).obj();

describe('SchedulingQueue', () => {
  it('pops higher priority first, then the pod queued first', async () => {
    const { tf, queue } = newQueue();
    queue.add(makePod().name('low-early').priority(1).obj());
    tf.clock.step(10);
    queue.add(makePod().name('high').priority(100).obj());
    tf.clock.step(10);
    queue.add(makePod().name('low-late').priority(1).obj());

    const order = [];
    for (let i = 0; i < 3; i++) order.push((await queue.pop())!.podInfo.pod.metadata.name);

    expect(order).toEqual(['high', 'low-early', 'low-late']);
  });

  it.each([
    { attempts: 1, backoffMs: 1000 },
    { attempts: 2, backoffMs: 2000 },
    { attempts: 3, backoffMs: 4000 },
    { attempts: 4, backoffMs: 8000 },
    { attempts: 5, backoffMs: 10_000 },
    { attempts: 12, backoffMs: 10_000 },
  ])('backs a pod off $backoffMs ms after $attempts attempts', ({ attempts, backoffMs }) => {
    const { queue } = newQueue();
    queue.add(needs8Cpu());
    const pInfo = queue.get(needs8Cpu())!;
    pInfo.attempts = attempts;
    expect(queue.backoffTime(pInfo) - pInfo.timestamp).toBe(backoffMs);
  });

  it('parks a pod rejected by a plugin until an event that plugin says may help', async () => {
    const { queue } = newQueue();
    queue.add(needs8Cpu());
    await failAttempt(queue, ['NodeResourcesFit']);
    expect(queue.whereIs(needs8Cpu())).toBe('unschedulablePods');

    queue.moveAllToActiveOrBackoffQueue(NodeAdd, undefined, smallNode());
    expect(queue.whereIs(needs8Cpu())).toBe('unschedulablePods');

    queue.moveAllToActiveOrBackoffQueue(NodeAdd, undefined, bigNode());
    expect(queue.whereIs(needs8Cpu())).toBe('backoffQ');
  });

  it('moves a backed-off pod to activeQ once its back-off is over', async () => {
    const { tf, queue } = newQueue();
    queue.add(needs8Cpu());
    await failAttempt(queue, ['NodeResourcesFit']);
    queue.moveAllToActiveOrBackoffQueue(NodeAdd, undefined, bigNode());

    tf.clock.step(999);
    queue.flushBackoffQCompleted();
    expect(queue.whereIs(needs8Cpu())).toBe('backoffQ');
    tf.clock.step(1);
    queue.flushBackoffQCompleted();
    expect(queue.whereIs(needs8Cpu())).toBe('activeQ');
  });

  it('requeues a pod rejected for resources when an assigned pod is deleted', async () => {
    const { queue } = newQueue();
    queue.add(needs8Cpu());
    await failAttempt(queue, ['NodeResourcesFit']);

    queue.moveAllToActiveOrBackoffQueue(AssignedPodDelete, makePod().name('gone').node('big').obj(), undefined);

    expect(queue.whereIs(needs8Cpu())).toBe('backoffQ');
  });

  it('ignores events no rejecting plugin registered for', async () => {
    const { queue } = newQueue();
    queue.add(needs8Cpu());
    await failAttempt(queue, ['NodeName']);

    queue.moveAllToActiveOrBackoffQueue(AssignedPodDelete, makePod().name('gone').node('big').obj(), undefined);

    expect(queue.whereIs(needs8Cpu())).toBe('unschedulablePods');
  });

  it('does not lose an event that arrives while the pod is being scheduled', async () => {
    const { queue } = newQueue();
    queue.add(needs8Cpu());
    const pInfo = (await queue.pop())!;
    queue.moveAllToActiveOrBackoffQueue(NodeAdd, undefined, bigNode());

    pInfo.unschedulablePlugins.add('NodeResourcesFit');
    queue.addUnschedulableIfNotPresent(pInfo);

    expect(queue.whereIs(needs8Cpu())).toBe('backoffQ');
  });

  it('retries every unschedulable pod after five minutes', async () => {
    const { tf, queue } = newQueue();
    queue.add(needs8Cpu());
    await failAttempt(queue, ['NodeResourcesFit']);

    tf.clock.step(5 * 60 * 1000);
    queue.flushUnschedulablePodsLeftover();
    expect(queue.whereIs(needs8Cpu())).toBe('unschedulablePods');
    tf.clock.step(1);
    queue.flushUnschedulablePodsLeftover();
    expect(queue.whereIs(needs8Cpu())).toBe('activeQ');
  });

  it('keeps a gated pod out of activeQ until its last gate is removed', async () => {
    const { queue } = newQueue();
    const gated = makePod().name('p').schedulingGates('example.com/wait').obj();
    queue.add(gated);
    expect(queue.whereIs(gated)).toBe('unschedulablePods');
    expect(queue.get(gated)?.gatedMessage).toBe('waiting for scheduling gates: [example.com/wait]');

    const ungated = { ...gated, metadata: { ...gated.metadata, resourceVersion: '2' }, spec: { ...gated.spec } };
    delete ungated.spec.schedulingGates;
    queue.update(gated, ungated);

    expect(queue.whereIs(ungated)).toBe('activeQ');
  });

  it('forgets a deleted pod wherever it waits', async () => {
    const { queue } = newQueue();
    queue.add(needs8Cpu());
    await failAttempt(queue, ['NodeResourcesFit']);

    queue.delete(needs8Cpu());

    expect(queue.whereIs(needs8Cpu())).toBeUndefined();
    expect(queue.sizes).toEqual({ activeQ: 0, backoffQ: 0, unschedulablePods: 0 });
  });

  it('hands a pod to a waiting pop as soon as it is added', async () => {
    const { queue } = newQueue();
    const popped = queue.pop();
    queue.add(makePod().name('late').obj());
    expect((await popped)?.podInfo.pod.metadata.name).toBe('late');
  });
});
