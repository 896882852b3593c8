// The disruption controller (pkg/controller/disruption): keeps each PodDisruptionBudget's status current — expected,
// healthy and desired pods, how many disruptions are allowed now, the DisruptionAllowed condition — which the
// eviction sub-resource reads (and debits, recording disruptedPods) before it lets `kubectl drain` delete a pod.
// Evictions that did not delete their pod within two minutes stop counting, and a pod left with a stale
// DisruptionTarget condition for two minutes gets it set back to False.

import { rfc3339 } from '../../api/json.ts';
import type { KubeObject } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import { LabelSelector } from '../../apiserver/selectors/label-selector.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock, Timer } from '../../lab/clock.ts';
import { controllerIndexedInformer } from '../common/controller-ref.ts';
import { timeOf } from '../common/pod-util.ts';
import type { Pod } from '../common/workload-types.ts';
import type { Controller, ControllerContext } from '../controller-context.ts';
import { RestMapper } from '../garbagecollector/rest-mapper.ts';
import type { ControllerFinder, WorkloadListers } from './controller-finders.ts';
import { controllerFinders } from './controller-finders.ts';
import { expectedPodCount } from './expected-pods.ts';
import type { PodDisruptionBudget } from './pdb-types.ts';
import {
  DISRUPTION_ALLOWED,
  buildDisruptedPods,
  countHealthyPods,
  nextStatus,
  setStatusCondition,
} from './pdb-status.ts';
import { labelSelectorString } from './selector-string.ts';

const PDBS = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
/** How long a DisruptionTarget condition may stand on a pod that is not being deleted (stalePodDisruptionTimeout). */
export const STALE_POD_DISRUPTION_TIMEOUT_MS = 2 * 60 * 1000;
/** PodDisruptionBudgets are looked at again this often, whatever happens (the informer's resync). */
const RESYNC_MS = 30_000;

export interface DisruptionInformers {
  pods: SharedInformer;
  pdbs: SharedInformer;
  replicationControllers: SharedInformer;
  replicaSets: SharedInformer;
  deployments: SharedInformer;
  statefulSets: SharedInformer;
}

function selectorOf(pdb: PodDisruptionBudget): LabelSelector {
  return LabelSelector.fromLabelSelector(pdb.spec?.selector);
}

export class DisruptionController {
  private readonly queue: WorkQueue;
  private readonly staleQueue: WorkQueue;
  private readonly finders: ControllerFinder[];
  private resync: Timer | undefined;

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
    private readonly informers: DisruptionInformers,
  ) {
    this.queue = new WorkQueue(clock, 'disruption');
    this.staleQueue = new WorkQueue(clock, 'stale_pod_disruption');
    const listers: WorkloadListers = {
      replicationControllers: informers.replicationControllers.lister,
      replicaSets: informers.replicaSets.lister,
      deployments: informers.deployments.lister,
      statefulSets: informers.statefulSets.lister,
    };
    this.finders = controllerFinders(listers, client, new RestMapper(client));
    informers.pdbs.addEventHandler({
      onAdd: (pdb) => this.enqueue(pdb),
      onUpdate: (_old, pdb) => this.enqueue(pdb),
      onDelete: (pdb) => this.enqueue(pdb),
    });
    informers.pods.addEventHandler({
      onAdd: (pod) => this.podChanged(pod as Pod, true),
      onUpdate: (old, pod) => {
        if (old.metadata.resourceVersion !== pod.metadata.resourceVersion) this.podChanged(pod as Pod, true);
      },
      onDelete: (pod) => this.podChanged(pod as Pod, false),
    });
  }

  run(): void {
    runWorkers(this.queue, 1, (key) => this.sync(key));
    runWorkers(this.staleQueue, 1, (key) => this.syncStalePodDisruption(key));
    this.resync = this.clock.setInterval(() => {
      for (const pdb of this.informers.pdbs.lister.list()) this.enqueue(pdb);
    }, RESYNC_MS);
  }

  stop(): void {
    this.resync?.cancel();
    this.queue.shutDown();
    this.staleQueue.shutDown();
  }

  private enqueue(obj: KubeObject): void {
    this.queue.add(`${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`);
  }

  private podChanged(pod: Pod, mayBeStale: boolean): void {
    const pdb = this.pdbForPod(pod);
    if (pdb) this.enqueue(pdb);
    if (!mayBeStale) return;
    const waitMs = this.staleDisruptionWait(pod);
    if (waitMs !== undefined) this.staleQueue.addAfter(`${pod.metadata.namespace}/${pod.metadata.name}`, waitMs);
  }

  /** getPdbForPod: the first budget that selects the pod (with a warning when several do). */
  private pdbForPod(pod: Pod): PodDisruptionBudget | undefined {
    const matching = (
      this.informers.pdbs.lister.namespace(pod.metadata.namespace ?? '').list() as PodDisruptionBudget[]
    ).filter((pdb) => {
      try {
        return selectorOf(pdb).matches(pod.metadata.labels);
      } catch {
        return false;
      }
    });
    const first = matching[0];
    if (first && matching.length > 1) {
      const message = `Pod "${pod.metadata.namespace}"/"${pod.metadata.name}" matches multiple PodDisruptionBudgets.  Chose "${first.metadata.name}" arbitrarily.`;
      this.recorder.event(pod, 'Warning', 'MultiplePodDisruptionBudgets', message);
    }
    return first;
  }

  private async sync(key: string): Promise<void> {
    const [namespace = '', name = ''] = key.split('/');
    const pdb = this.informers.pdbs.lister.get(namespace, name) as PodDisruptionBudget | undefined;
    if (!pdb) return;
    try {
      await this.trySync(pdb);
    } catch (error) {
      // A conflict is only a stale cache: try again, without giving up on the budget.
      if (isStatusError(error, 'Conflict')) throw error;
      await this.failSafe(pdb, error);
    }
  }

  private async trySync(pdb: PodDisruptionBudget): Promise<void> {
    let pods: Pod[];
    try {
      const selector = selectorOf(pdb);
      pods = this.informers.pods.lister
        .namespace(pdb.metadata.namespace ?? '')
        .list((labels) => selector.matches(labels)) as Pod[];
    } catch (error) {
      this.recorder.event(pdb, 'Warning', 'NoPods', `Failed to get pods: ${String(error)}`);
      throw error;
    }
    if (pods.length === 0) this.recorder.event(pdb, 'Normal', 'NoPods', 'No matching pods found');

    let expected;
    try {
      expected = await expectedPodCount(pdb, pods, this.finders);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.recorder.event(
        pdb,
        'Warning',
        'CalculateExpectedPodCountFailed',
        `Failed to calculate the number of expected pods: ${message}`,
      );
      throw error;
    }
    if (expected.unmanagedPods.length > 0) {
      this.recorder.event(
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${labelSelectorString(pdb.spec?.selector)}) were found ` +
          'to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. ' +
          'To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
      );
    }

    const now = this.clock.now();
    const disrupted = buildDisruptedPods(pods, pdb, now);
    for (const pod of disrupted.notDeleted) {
      this.recorder.event(
        pod,
        'Warning',
        'NotDeleted',
        `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.namespace} to be deleted but it wasn't`,
      );
    }
    const status = nextStatus(
      pdb,
      {
        currentHealthy: countHealthyPods(pods, disrupted.disruptedPods, now),
        desiredHealthy: expected.desiredHealthy,
        expectedPods: expected.expectedCount,
        disruptedPods: disrupted.disruptedPods,
      },
      now,
    );
    if (status) await this.writeStatus({ ...pdb, status });
    if (disrupted.recheckTime !== undefined) this.queue.addAfter(this.keyOf(pdb), disrupted.recheckTime - now);
  }

  /** failSafe: at least let no eviction through, and say why in the condition. */
  private async failSafe(pdb: PodDisruptionBudget, error: unknown): Promise<void> {
    const status = { ...pdb.status, disruptionsAllowed: 0 };
    status.conditions = setStatusCondition(
      status.conditions ?? [],
      {
        type: DISRUPTION_ALLOWED,
        status: 'False',
        reason: 'SyncFailed',
        message: error instanceof Error ? error.message : String(error),
        observedGeneration: status.observedGeneration ?? 0,
      },
      this.clock.now(),
    );
    await this.writeStatus({ ...pdb, status });
  }

  private keyOf(obj: KubeObject): string {
    return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
  }

  private async writeStatus(pdb: PodDisruptionBudget): Promise<void> {
    const { namespace = '', name = '' } = pdb.metadata;
    await this.client.request('PUT', `/apis/policy/v1/namespaces/${namespace}/poddisruptionbudgets/${name}/status`, {
      body: pdb,
    });
  }

  /** How long until a pod's DisruptionTarget condition is stale (0: now); undefined if it has none to clear. */
  private staleDisruptionWait(pod: Pod): number | undefined {
    if (pod.metadata.deletionTimestamp) return undefined;
    const condition = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    // The kubelet's own conditions precede a termination that may take long, and a finished pod keeps its
    // conditions: neither is stale.
    if (condition?.status !== 'True' || condition.reason === 'TerminationByKubelet') return undefined;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return undefined;
    const since = this.clock.now() - timeOf(condition.lastTransitionTime);
    return Math.max(0, STALE_POD_DISRUPTION_TIMEOUT_MS - since);
  }

  private async syncStalePodDisruption(key: string): Promise<void> {
    const [namespace = '', name = ''] = key.split('/');
    const pod = this.informers.pods.lister.get(namespace, name) as Pod | undefined;
    if (!pod) return;
    const waitMs = this.staleDisruptionWait(pod);
    if (waitMs === undefined) return;
    if (waitMs > 0) {
      this.staleQueue.addAfter(key, waitMs);
      return;
    }
    await this.client.patch(
      PODS,
      namespace,
      name,
      'strategic',
      {
        status: {
          conditions: [{ type: 'DisruptionTarget', status: 'False', lastTransitionTime: rfc3339(this.clock.now()) }],
        },
      },
      { subresource: 'status' },
    );
  }
}

const CORE = (resource: string) => ({ group: '', version: 'v1', resource });
const APPS = (resource: string) => ({ group: 'apps', version: 'v1', resource });

/** The disruption controller, built from the controller manager's context. */
export function disruptionController(ctx: ControllerContext): Controller {
  const controller = new DisruptionController(ctx.client, ctx.clock, ctx.recorder('controllermanager'), {
    pods: controllerIndexedInformer(ctx.informers, CORE('pods')),
    pdbs: ctx.informers.informerFor(PDBS),
    replicationControllers: controllerIndexedInformer(ctx.informers, CORE('replicationcontrollers')),
    replicaSets: controllerIndexedInformer(ctx.informers, APPS('replicasets')),
    deployments: ctx.informers.informerFor(APPS('deployments')),
    statefulSets: ctx.informers.informerFor(APPS('statefulsets')),
  });
  return { name: 'disruption-controller', run: () => controller.run(), stop: () => controller.stop() };
}
