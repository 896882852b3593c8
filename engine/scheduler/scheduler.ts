// The scheduler (pkg/scheduler/scheduler.go): kube-scheduler's "default-scheduler" profile running against the API
// server — informers on pods, nodes and what the plugins read (namespaces, Services, ReplicaSets, StatefulSets,
// ReplicationControllers, PodDisruptionBudgets), the cache and snapshot, the scheduling queue, the framework with
// upstream's default plugins, and one loop taking pods from the queue. It schedules pods whose
// spec.schedulerName is default-scheduler and that have no spec.nodeName.

import type { EventRecorder } from '../client/event-recorder.ts';
import type { InformerFactory } from '../client/informer-factory.ts';
import type { InProcessClient } from '../client/in-process-client.ts';
import type { Clock } from '../lab/clock.ts';
import type { DecisionLog } from './decision-log.ts';
import { addAllEventHandlers } from './event-handlers.ts';
import type { SchedulerListers } from './framework/interface.ts';
import { Framework } from './framework/runtime/framework.ts';
import type { Profile, Registry } from './framework/runtime/registry.ts';
import { GenericScheduler } from './generic-scheduler.ts';
import { SchedulerCache } from './internal/cache/cache.ts';
import { Snapshot } from './internal/cache/snapshot.ts';
import { Nominator } from './internal/queue/nominator.ts';
import { SchedulingQueue } from './internal/queue/scheduling-queue.ts';
import { DEFAULT_PROFILE } from './plugins/default-plugins.ts';
import { newInTreeRegistry } from './plugins/registry.ts';
import { ScheduleOne } from './schedule-one.ts';
import { seededRandom } from './seeded-random.ts';

const gvr = (group: string, version: string, resource: string) => ({ group, version, resource });

/** The scheduler's pod informer leaves out finished pods, as kube-scheduler's does: they hold no resources. */
const POD_FIELD_SELECTOR = 'status.phase!=Succeeded,status.phase!=Failed';

export interface SchedulerOptions {
  /** A client acting as system:kube-scheduler. */
  client: InProcessClient;
  clock: Clock;
  informers: InformerFactory;
  /** Records events with source component default-scheduler. */
  recorder: EventRecorder;
  /** Where every scheduling attempt is recorded; nothing is recorded without one. */
  decisions?: DecisionLog;
  /** The generator of the scheduler's random choices (ties, preemption's starting node); seeded by default. */
  random?: () => number;
  profile?: Profile;
  registry?: Registry;
}

export class Scheduler {
  readonly cache = new SchedulerCache();
  readonly snapshot = new Snapshot();
  readonly queue: SchedulingQueue;
  readonly framework: Framework;
  private readonly informers: InformerFactory;
  private readonly scheduleOneRunner: ScheduleOne;
  private readonly nominator: Nominator;
  private running = false;
  private stopped = false;

  constructor(options: SchedulerOptions) {
    const { client, clock, informers, recorder, decisions } = options;
    this.informers = informers;
    const random = options.random ?? seededRandom(1);
    const pods = informers.informerFor(gvr('', 'v1', 'pods'), { fieldSelector: POD_FIELD_SELECTOR });
    const nodes = informers.informerFor(gvr('', 'v1', 'nodes'));
    const listers: SchedulerListers = {
      pods: pods.lister,
      namespaces: informers.informerFor(gvr('', 'v1', 'namespaces')).lister,
      services: informers.informerFor(gvr('', 'v1', 'services')).lister,
      replicationControllers: informers.informerFor(gvr('', 'v1', 'replicationcontrollers')).lister,
      replicaSets: informers.informerFor(gvr('apps', 'v1', 'replicasets')).lister,
      statefulSets: informers.informerFor(gvr('apps', 'v1', 'statefulsets')).lister,
      podDisruptionBudgets: informers.informerFor(gvr('policy', 'v1', 'poddisruptionbudgets')).lister,
    };
    this.nominator = new Nominator(pods.lister);
    this.framework = new Framework(options.registry ?? newInTreeRegistry(), options.profile ?? DEFAULT_PROFILE, {
      client,
      clock,
      recorder,
      listers,
      nominator: this.nominator,
      snapshot: () => this.snapshot,
      random,
    });
    this.queue = new SchedulingQueue({
      clock,
      less: (a, b) => this.framework.queueSortPlugin.less(a, b),
      preEnqueue: (pod) => this.framework.runPreEnqueuePlugins(pod),
      eventsByPlugin: this.framework.enqueueExtensions(),
      nominator: this.nominator,
    });
    this.scheduleOneRunner = new ScheduleOne({
      framework: this.framework,
      algorithm: new GenericScheduler(this.cache, this.snapshot, random),
      cache: this.cache,
      queue: this.queue,
      client,
      clock,
      recorder,
      podLister: pods.lister,
      decisions,
    });
    addAllEventHandlers(
      { cache: this.cache, queue: this.queue, framework: this.framework, decisions, now: () => clock.now() },
      pods,
      nodes,
    );
  }

  /**
   * Starts the informer factory (its informers are shared; starting is idempotent) and, once the informers have
   * synced, the queue and the scheduling loop.
   */
  run(): void {
    if (this.running) return;
    this.running = true;
    this.informers.start();
    void this.informers.waitForSync().then(() => {
      if (this.stopped) return;
      this.queue.run();
      return this.loop();
    });
  }

  /** Stops the loop and the queue; the informer factory is its owner's to stop. */
  stop(): void {
    this.stopped = true;
    this.queue.close();
  }

  private async loop(): Promise<void> {
    for (;;) {
      const pInfo = await this.queue.pop();
      if (!pInfo || this.stopped) return;
      try {
        await this.scheduleOneRunner.scheduleOne(pInfo);
      } catch {
        // A bug in a plugin must not stop the scheduler: the pod comes back after its back-off.
        this.queue.addUnschedulableIfNotPresent(pInfo);
      }
      // Let informer events and bindings in flight run between cycles.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
