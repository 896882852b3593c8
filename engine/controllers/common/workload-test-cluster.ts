// What the workload controllers' end-to-end tests share: an in-process cluster on a paused lab clock, a controller
// context to build the controllers under test from, waits that move the lab clock forward until a condition holds,
// and the part of a kubelet the tests play themselves — setting pods Running, Ready, Succeeded or Failed through the
// status sub-resource, as a kubelet reports them.

import type { KubeObject } from '../../api/object.ts';
import { rfc3339 } from '../../api/json.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import { EventRecorder } from '../../client/event-recorder.ts';
import { InformerFactory } from '../../client/informer-factory.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import { CONTROLLER_MANAGER_USER, Cluster } from '../../cluster/cluster.ts';
import { VirtualClock } from '../../lab/clock.ts';
import type { Controller, ControllerContext } from '../controller-context.ts';

export const PODS = { group: '', version: 'v1', resource: 'pods' };
export const NODES = { group: '', version: 'v1', resource: 'nodes' };
export const EVENTS = { group: '', version: 'v1', resource: 'events' };
const SERVICE_ACCOUNTS = { group: '', version: 'v1', resource: 'serviceaccounts' };

/** The controllers every test cluster runs. */
export const BASE_CONTROLLERS = ['namespace-controller', 'serviceaccount-controller', 'garbage-collector-controller'];

/** Where the lab clock of a test cluster starts. */
export const TEST_START = Date.parse('2024-05-01T00:00:00Z');

export interface WaitOptions {
  /** Lab time to step between checks (ms). */
  stepMs?: number;
  /** Checks before giving up. */
  tries?: number;
}

export class WorkloadTestCluster {
  readonly client: InProcessClient;
  readonly context: ControllerContext;
  private controllers: Controller[] = [];

  private constructor(
    readonly cluster: Cluster,
    readonly clock: VirtualClock,
  ) {
    this.client = cluster.clientFor(CONTROLLER_MANAGER_USER, 'kube-controller-manager');
    const informers = new InformerFactory(this.client, clock);
    this.context = {
      client: this.client,
      clock,
      informers,
      recorder: (component) => new EventRecorder(this.client, clock, { component }),
    };
  }

  /**
   * A cluster whose lab clock is paused at `start`, with the default ServiceAccount in place. Its controller manager
   * runs only the namespace, ServiceAccount and garbage-collector controllers: the tests start the ones they test.
   */
  static async start(start = TEST_START): Promise<WorkloadTestCluster> {
    const clock = new VirtualClock(start);
    clock.setPaused(true);
    const cluster = await Cluster.start({ clock, controllers: BASE_CONTROLLERS });
    const kit = new WorkloadTestCluster(cluster, clock);
    await kit.eventually(async () => {
      try {
        return await kit.client.get(SERVICE_ACCOUNTS, 'default', 'default');
      } catch (error) {
        if (isStatusError(error, 'NotFound')) return undefined;
        throw error;
      }
    }, 'the default ServiceAccount exists');
    return kit;
  }

  /** Starts the controllers under test once their informers have synced. */
  async run(controllers: Controller[]): Promise<void> {
    this.controllers = controllers;
    this.context.informers.start();
    await this.context.informers.waitForSync();
    for (const controller of controllers) controller.run();
  }

  async close(): Promise<void> {
    for (const controller of this.controllers) controller.stop();
    this.context.informers.stop();
    await this.cluster.close();
  }

  /** Lets pending work run without moving the lab clock. */
  async settle(rounds = 20): Promise<void> {
    for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Moves the lab clock forward in steps, letting the cluster work after each. */
  async advance(ms: number, stepMs = 100): Promise<void> {
    for (let done = 0; done < ms; done += stepMs) {
      this.clock.step(Math.min(stepMs, ms - done));
      await this.settle();
    }
  }

  /** Checks, then moves the lab clock a step, until the check returns something; fails after `tries` checks. */
  async eventually<T>(
    check: () => T | undefined | Promise<T | undefined>,
    what: string,
    { stepMs = 100, tries = 1000 }: WaitOptions = {},
  ): Promise<T> {
    for (let i = 0; i < tries; i++) {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      this.clock.step(stepMs);
      await this.settle();
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    throw new Error(`timed out waiting until ${what}`);
  }

  async list(gvr: { group: string; version: string; resource: string }, namespace = 'default'): Promise<KubeObject[]> {
    return (await this.client.list(gvr, namespace)).items;
  }

  async getOrUndefined(
    gvr: { group: string; version: string; resource: string },
    namespace: string,
    name: string,
  ): Promise<KubeObject | undefined> {
    try {
      return await this.client.get(gvr, namespace, name);
    } catch (error) {
      if (isStatusError(error, 'NotFound')) return undefined;
      throw error;
    }
  }

  /** The reasons and messages of the events about one object, oldest first. */
  async eventsFor(name: string, namespace = 'default'): Promise<{ reason: string; message: string }[]> {
    return (await this.list(EVENTS, namespace))
      .filter((e) => (e['involvedObject'] as { name?: string } | undefined)?.name === name)
      .map((e) => ({ reason: String(e['reason']), message: String(e['message']) }));
  }

  /** A kubelet's report that the pod runs, ready or not. */
  setPodRunning(pod: KubeObject, ready: boolean): Promise<KubeObject> {
    const now = rfc3339(this.clock.now());
    const containers = containerNames(pod);
    return this.patchPodStatus(pod, {
      phase: 'Running',
      conditions: [
        { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: now },
        { type: 'ContainersReady', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: now },
      ],
      containerStatuses: containers.map((name) => ({
        name,
        ready,
        restartCount: 0,
        started: true,
        image: 'busybox',
        imageID: '',
        state: { running: { startedAt: now } },
      })),
    });
  }

  /** A kubelet's report that every container of the pod exited with `exitCode` (0: Succeeded, else Failed). */
  setPodFinished(pod: KubeObject, exitCode: number): Promise<KubeObject> {
    const now = rfc3339(this.clock.now());
    const containers = containerNames(pod);
    return this.patchPodStatus(pod, {
      phase: exitCode === 0 ? 'Succeeded' : 'Failed',
      conditions: [
        { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: now, reason: 'PodCompleted' },
      ],
      containerStatuses: containers.map((name) => ({
        name,
        ready: false,
        restartCount: 0,
        image: 'busybox',
        imageID: '',
        state: {
          terminated: {
            exitCode,
            reason: exitCode === 0 ? 'Completed' : 'Error',
            startedAt: now,
            finishedAt: now,
          },
        },
      })),
    });
  }

  private patchPodStatus(pod: KubeObject, status: Record<string, unknown>): Promise<KubeObject> {
    return this.client.patch(
      PODS,
      pod.metadata.namespace ?? '',
      pod.metadata.name ?? '',
      'merge',
      { status },
      {
        subresource: 'status',
      },
    );
  }
}

function containerNames(pod: KubeObject): string[] {
  const containers = (pod['spec'] as { containers?: { name: string }[] } | undefined)?.containers ?? [];
  return containers.map((c) => c.name);
}
