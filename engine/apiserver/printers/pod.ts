// Pod rows as `kubectl get pods` shows them: READY counts, the STATUS summary the kubelet's container states add
// up to (Init:0/1, PodInitializing, CrashLoopBackOff, Completed, Terminating…), RESTARTS with the time of the last
// one, and with `-o wide` the IP, node, nominated node and readiness gates.

import type { KubeObject } from '../../api/object.ts';
import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN, wideColumn } from './columns.ts';
import { humanDuration } from './duration.ts';
import { field, has, int, list, maybeBool, str } from './read.ts';
import { age, timestampOf } from './time.ts';

/** The reason the node lifecycle controller gives a pod on a node that stopped responding. */
const NODE_UNREACHABLE_REASON = 'NodeLost';

function conditionStatus(pod: unknown, type: string): string | undefined {
  const condition = list(pod, 'status', 'conditions').find((c) => str(c, 'type') === type);
  return condition === undefined ? undefined : str(condition, 'status');
}

function isRestartable(container: unknown): boolean {
  return str(container, 'restartPolicy') === 'Always';
}

/** Restarts added up so far, with the latest time a container last terminated. */
class Restarts {
  count = 0;
  last: number | undefined;

  add(status: unknown): void {
    this.count += int(status, 'restartCount');
    if (!has(status, 'lastState', 'terminated')) return;
    const finished = timestampOf(str(status, 'lastState', 'terminated', 'finishedAt'));
    if (finished !== undefined && (this.last === undefined || finished > this.last)) this.last = finished;
  }

  cell(now: number): string {
    if (this.count === 0 || this.last === undefined) return String(this.count);
    return `${this.count} (${humanDuration(now - this.last)} ago)`;
  }
}

/** "Init:<reason>" for an init container waiting for a reason other than PodInitializing. */
function initWaitingReason(container: unknown): string | undefined {
  const reason = str(container, 'state', 'waiting', 'reason');
  return reason === '' || reason === 'PodInitializing' ? undefined : `Init:${reason}`;
}

/** The reason a terminated container shows: its reason, else its signal or exit code. */
function terminatedReason(terminated: unknown, prefix: string): string {
  const reason = str(terminated, 'reason');
  if (reason !== '') return prefix + reason;
  const signal = int(terminated, 'signal');
  return signal !== 0 ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${int(terminated, 'exitCode')}`;
}

function podRow(pod: KubeObject, now: number): string[] {
  const spec = pod.spec;
  const status = pod.status;
  const initContainers = list(spec, 'initContainers');
  const restartableNames = new Set(initContainers.filter(isRestartable).map((c) => str(c, 'name')));
  const total = list(spec, 'containers').length + restartableNames.size;
  const phase = str(status, 'phase');
  let ready = 0;
  let reason = str(status, 'reason') || phase;
  for (const condition of list(status, 'conditions')) {
    if (str(condition, 'type') === 'PodScheduled' && str(condition, 'reason') === 'SchedulingGated') {
      reason = 'SchedulingGated';
    }
  }

  const all = new Restarts();
  const sidecars = new Restarts();
  let initializing = false;
  const initStatuses = list(status, 'initContainerStatuses');
  for (const [i, container] of initStatuses.entries()) {
    const restartable = restartableNames.has(str(container, 'name'));
    all.add(container);
    if (restartable) sidecars.add(container);
    const terminated = has(container, 'state', 'terminated');
    if (terminated && int(container, 'state', 'terminated', 'exitCode') === 0) continue;
    if (restartable && maybeBool(container, 'started') === true) {
      if (maybeBool(container, 'ready') === true) ready++;
      continue;
    }
    reason = terminated
      ? terminatedReason(field(container, 'state', 'terminated'), 'Init:')
      : (initWaitingReason(container) ?? `Init:${i}/${initContainers.length}`);
    initializing = true;
    break;
  }

  let restarts = all;
  if (!initializing || conditionStatus(pod, 'Initialized') === 'True') {
    restarts = sidecars;
    let hasRunning = false;
    const statuses = list(status, 'containerStatuses');
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      restarts.add(container);
      const waitingReason = str(container, 'state', 'waiting', 'reason');
      if (waitingReason !== '') {
        reason = waitingReason;
      } else if (has(container, 'state', 'terminated')) {
        reason = terminatedReason(field(container, 'state', 'terminated'), '');
      } else if (maybeBool(container, 'ready') === true && has(container, 'state', 'running')) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = list(status, 'conditions').some(
        (c) => str(c, 'type') === 'Ready' && str(c, 'status') === 'True',
      );
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  const deleting = has(pod.metadata, 'deletionTimestamp');
  if (deleting && str(status, 'reason') === NODE_UNREACHABLE_REASON) reason = 'Unknown';
  else if (deleting && phase !== 'Failed' && phase !== 'Succeeded') reason = 'Terminating';

  return [pod.metadata.name ?? '', `${ready}/${total}`, reason, restarts.cell(now), age(pod, now)];
}

/** "true/all" of the readiness gates whose condition is True, or "<none>". */
function readinessGates(pod: KubeObject): string {
  const gates = list(pod.spec, 'readinessGates');
  if (gates.length === 0) return '<none>';
  const passed = gates.filter((gate) => conditionStatus(pod, str(gate, 'conditionType')) === 'True').length;
  return `${passed}/${gates.length}`;
}

function wideCells(pod: KubeObject): string[] {
  const ip = str(pod.status, 'podIP') || str(pod.status, 'podIPs', 0, 'ip');
  return [
    ip || '<none>',
    str(pod.spec, 'nodeName') || '<none>',
    str(pod.status, 'nominatedNodeName') || '<none>',
    readinessGates(pod),
  ];
}

export const podPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'How many containers of the pod are ready, out of how many.'),
    column('Status', 'A summary of the phase of the pod and the states of its containers.'),
    column('Restarts', 'How many times the containers restarted, and how long ago the last restart was.'),
    AGE_COLUMN,
    wideColumn('IP', 'The IP address assigned to the pod.'),
    wideColumn('Node', 'The node the pod is bound to.'),
    wideColumn('Nominated Node', 'The node the scheduler expects the pod to run on once preemption frees it.'),
    wideColumn('Readiness Gates', 'How many of the extra readiness conditions the pod declares are true.'),
  ],
  row: (pod, now) => [...podRow(pod, now), ...wideCells(pod)],
};
