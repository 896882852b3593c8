// One pod's way through the scheduler (schedule_one.go): the scheduling cycle — find a node, or run PostFilter
// (preemption) and report the failure — then assume the pod on the node, Reserve and Permit, and hand it to the
// binding cycle, which runs in the background (PreBind, Bind, PostBind) while the next pod is scheduled. Failures
// requeue the pod and tell the user as kube-scheduler does: the PodScheduled=False condition and a FailedScheduling
// event with the same message; success is a Scheduled event.

import type { EventRecorder } from '../client/event-recorder.ts';
import type { InProcessClient } from '../client/in-process-client.ts';
import type { Lister } from '../client/lister.ts';
import type { Clock } from '../lab/clock.ts';
import { rfc3339 } from '../api/json.ts';
import { AttemptBuilder, preemptionRecord } from './decision-record.ts';
import type { DecisionLog, PodRef } from './decision-log.ts';
import type { Pod, PodCondition } from './framework/api-types.ts';
import { CycleState } from './framework/cycle-state.ts';
import { AssignedPodDelete } from './framework/events.ts';
import { Diagnosis, FitError } from './framework/fit-error.ts';
import type { NominatingInfo } from './framework/interface.ts';
import { PodInfo } from './framework/pod-info.ts';
import type { QueuedPodInfo } from './framework/queued-pod-info.ts';
import type { Framework } from './framework/runtime/framework.ts';
import { Status, isSuccess } from './framework/status.ts';
import type { GenericScheduler, ScheduleResult } from './generic-scheduler.ts';
import type { SchedulerCache } from './internal/cache/cache.ts';
import type { SchedulingQueue } from './internal/queue/scheduling-queue.ts';

const PODS = { group: '', version: 'v1', resource: 'pods' };

/** validation.NoteLengthLimit: events carry at most this much of the message. */
const NOTE_LENGTH_LIMIT = 1024;

const CLEAR_NOMINATED_NODE: NominatingInfo = { nominatedNodeName: '', mode: 'Override' };

export interface ScheduleOneOptions {
  framework: Framework;
  algorithm: GenericScheduler;
  cache: SchedulerCache;
  queue: SchedulingQueue;
  client: InProcessClient;
  clock: Clock;
  recorder: EventRecorder;
  podLister: Lister;
  decisions: DecisionLog | undefined;
}

interface CycleFailure {
  status: Status;
  nominatingInfo: NominatingInfo | undefined;
}

/** truncateMessage: events keep the first 1024 characters, ending in " ...". */
export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  return `${message.slice(0, NOTE_LENGTH_LIMIT - 4)} ...`;
}

function refOf(pod: Pod): PodRef {
  return {
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name ?? '',
    uid: pod.metadata.uid ?? '',
    schedulerName: pod.spec.schedulerName ?? '',
  };
}

export class ScheduleOne {
  constructor(private readonly o: ScheduleOneOptions) {}

  async scheduleOne(pInfo: QueuedPodInfo): Promise<void> {
    const { framework: fwk, queue } = this.o;
    const pod = pInfo.podInfo.pod;
    if (this.skipPodSchedule(pod)) {
      queue.done(pInfo.podInfo.uid);
      return;
    }
    const state = new CycleState();
    const record = this.o.decisions
      ? new AttemptBuilder(pInfo.attempts, this.o.clock.now(), this.o.decisions.maxNodesPerList)
      : undefined;
    const outcome = await this.schedulingCycle(fwk, state, pInfo, record);
    if ('status' in outcome) {
      this.recordAttempt(pod, record, outcome.status);
      await this.handleSchedulingFailure(pInfo, outcome.status, outcome.nominatingInfo);
      return;
    }
    const { result, assumed } = outcome;
    if (record) {
      record.result = 'Scheduled';
      record.nodeName = result.suggestedHost;
      this.o.decisions!.recordAttempt(refOf(pod), record);
    }
    queue.done(pInfo.podInfo.uid);
    // Bind in the background: the next pod is scheduled meanwhile against the assumed placement.
    void this.bindingCycle(state, result, assumed, pInfo, record);
  }

  /** Pods being deleted, and pods already assumed (an update re-queued them), are not scheduled. */
  private skipPodSchedule(pod: Pod): boolean {
    if (pod.metadata.deletionTimestamp) {
      const { namespace = '', name = '' } = pod.metadata;
      this.o.recorder.event(pod, 'Warning', 'FailedScheduling', `skip schedule deleting pod: ${namespace}/${name}`);
      return true;
    }
    return this.o.cache.isAssumedPod(pod);
  }

  private async schedulingCycle(
    fwk: Framework,
    state: CycleState,
    pInfo: QueuedPodInfo,
    record: AttemptBuilder | undefined,
  ): Promise<{ result: ScheduleResult; assumed: PodInfo } | CycleFailure> {
    const podInfo = pInfo.podInfo;
    const outcome = this.o.algorithm.schedulePod(fwk, state, podInfo, record);
    if (outcome.kind === 'error') {
      return { status: outcome.status, nominatingInfo: CLEAR_NOMINATED_NODE };
    }
    if (outcome.kind === 'unschedulable') {
      const { fitError } = outcome;
      if (!fwk.hasPostFilterPlugins)
        return { status: Status.ofFitError('Unschedulable', fitError), nominatingInfo: undefined };
      // Preemption may make room for a later attempt; this one has failed either way.
      const postFilter = await fwk.runPostFilterPlugins(state, podInfo, fitError.diagnosis.nodeToStatus);
      fitError.diagnosis.postFilterMsg = postFilter.status?.message() ?? '';
      if (record) {
        record.preemption = preemptionRecord(
          postFilter.result?.nominatedNodeName,
          postFilter.victims ?? [],
          fitError.diagnosis.postFilterMsg,
        );
      }
      return { status: Status.ofFitError('Unschedulable', fitError), nominatingInfo: postFilter.result };
    }
    const { result } = outcome;
    const assumed = podInfo.assumedOn(result.suggestedHost);
    try {
      this.o.cache.assumePod(assumed);
    } catch (error) {
      return { status: Status.asStatus(error), nominatingInfo: CLEAR_NOMINATED_NODE };
    }
    this.o.queue.nominator.deleteNominatedPodIfExists(assumed.pod);
    const reserve = fwk.runReservePluginsReserve(state, assumed, result.suggestedHost);
    if (!isSuccess(reserve)) {
      fwk.runReservePluginsUnreserve(state, assumed, result.suggestedHost);
      this.o.cache.forgetPod(assumed.pod);
      return { status: this.rejectionOnNode(reserve!, result.suggestedHost), nominatingInfo: CLEAR_NOMINATED_NODE };
    }
    const permit = fwk.runPermitPlugins(state, assumed, result.suggestedHost);
    if (!isSuccess(permit) && permit!.code !== 'Wait') {
      fwk.runReservePluginsUnreserve(state, assumed, result.suggestedHost);
      this.o.cache.forgetPod(assumed.pod);
      return { status: this.rejectionOnNode(permit!, result.suggestedHost), nominatingInfo: CLEAR_NOMINATED_NODE };
    }
    return { result, assumed };
  }

  /** A rejection at Reserve, Permit or PreBind as a FitError over the one node; other statuses as they are. */
  private rejectionOnNode(status: Status, nodeName: string): Status {
    if (!status.isRejected()) return status;
    const diagnosis = new Diagnosis();
    diagnosis.nodeToStatus.set(nodeName, status);
    diagnosis.addPluginStatus(status);
    return Status.ofFitError(status.code, new FitError(1, diagnosis));
  }

  private async bindingCycle(
    state: CycleState,
    result: ScheduleResult,
    assumed: PodInfo,
    pInfo: QueuedPodInfo,
    record: AttemptBuilder | undefined,
  ): Promise<void> {
    const fwk = this.o.framework;
    const host = result.suggestedHost;
    const status = await this.runBindingCycle(fwk, state, assumed, host);
    if (record) {
      record.binding = isSuccess(status) ? { result: 'Bound' } : { result: 'Failed', message: status!.message() };
      if (!isSuccess(status)) {
        record.result = status!.isRejected() ? 'Unschedulable' : 'SchedulerError';
        record.message = status!.message();
      }
      this.o.decisions!.update(refOf(assumed.pod), record);
    }
    if (isSuccess(status)) return;
    // Forgetting the assumed pod frees its place: a pod deletion as far as waiting pods are concerned.
    fwk.runReservePluginsUnreserve(state, assumed, host);
    try {
      this.o.cache.forgetPod(assumed.pod);
      const uid = assumed.uid;
      this.o.queue.moveAllToActiveOrBackoffQueue(
        AssignedPodDelete,
        assumed.pod,
        undefined,
        (p) => p.metadata.uid !== uid,
      );
    } catch {
      // Already confirmed or removed by an informer event.
    }
    await this.handleSchedulingFailure(pInfo, status!, CLEAR_NOMINATED_NODE);
  }

  private async runBindingCycle(fwk: Framework, state: CycleState, assumed: PodInfo, host: string) {
    const permit = await fwk.waitOnPermit(assumed);
    if (!isSuccess(permit)) return this.rejectionOnNode(permit!, host);
    const preBind = await fwk.runPreBindPlugins(state, assumed, host);
    if (!isSuccess(preBind)) return this.rejectionOnNode(preBind!, host);
    const bind = await fwk.runBindPlugins(state, assumed, host);
    this.o.cache.finishBinding(assumed.pod);
    if (!isSuccess(bind)) return bind;
    const { namespace = '', name = '' } = assumed.pod.metadata;
    this.o.recorder.event(assumed.pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${host}`);
    fwk.runPostBindPlugins(state, assumed, host);
    return null;
  }

  private recordAttempt(pod: Pod, record: AttemptBuilder | undefined, status: Status): void {
    if (!record) return;
    record.result = status.isRejected() ? 'Unschedulable' : 'SchedulerError';
    record.message = status.message();
    this.o.decisions!.recordAttempt(refOf(pod), record);
  }

  /**
   * Requeues the pod (unless it is gone or was bound meanwhile) with the plugins that rejected it, keeps its
   * nomination, and reports the failure: a FailedScheduling event and the PodScheduled=False condition.
   */
  private async handleSchedulingFailure(
    pInfo: QueuedPodInfo,
    status: Status,
    nominatingInfo: NominatingInfo | undefined,
  ): Promise<void> {
    const { queue, podLister } = this.o;
    const pod = pInfo.podInfo.pod;
    const reason = status.isRejected() ? 'Unschedulable' : 'SchedulerError';
    const errMsg = status.message();
    if (status.fitError) {
      pInfo.unschedulablePlugins = new Set(status.fitError.diagnosis.unschedulablePlugins);
      pInfo.pendingPlugins = new Set(status.fitError.diagnosis.pendingPlugins);
    }
    const cached = podLister.get(pod.metadata.namespace ?? '', pod.metadata.name ?? '') as Pod | undefined;
    if (!cached || cached.spec.nodeName || cached.metadata.uid !== pod.metadata.uid) {
      queue.done(pInfo.podInfo.uid);
    } else {
      pInfo.podInfo = new PodInfo(cached);
      queue.addUnschedulableIfNotPresent(pInfo);
    }
    queue.addNominatedPod(new PodInfo(pod), nominatingInfo);
    this.o.recorder.event(pod, 'Warning', 'FailedScheduling', truncateMessage(errMsg));
    try {
      await this.updatePod(
        cached ?? pod,
        { type: 'PodScheduled', status: 'False', reason, message: errMsg },
        nominatingInfo,
      );
    } catch {
      // The pod may be gone; the next attempt reports again.
    }
  }

  /** Patches the condition and nominatedNodeName into the pod's status when they change (updatePod). */
  private async updatePod(pod: Pod, condition: PodCondition, nominatingInfo: NominatingInfo | undefined) {
    const current = pod.status?.conditions?.find((c) => c.type === condition.type);
    const nominated = pod.status?.nominatedNodeName ?? '';
    const nnnNeedsUpdate = nominatingInfo?.mode === 'Override' && nominated !== nominatingInfo.nominatedNodeName;
    const unchanged =
      current !== undefined &&
      current.status === condition.status &&
      current.reason === condition.reason &&
      current.message === condition.message;
    if (unchanged && !nnnNeedsUpdate) return;
    const now = rfc3339(this.o.clock.now());
    const lastTransitionTime =
      current && current.status === condition.status ? (current.lastTransitionTime ?? now) : now;
    const status: Record<string, unknown> = {
      conditions: [{ ...condition, lastProbeTime: null, lastTransitionTime }],
    };
    if (nnnNeedsUpdate) status['nominatedNodeName'] = nominatingInfo.nominatedNodeName || null;
    const { namespace = '', name = '' } = pod.metadata;
    await this.o.client.patch(PODS, namespace, name, 'strategic', { status }, { subresource: 'status' });
  }
}
