import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { podPrinter } from './pod.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const SECOND = 1000;
const DAY = 24 * 3600 * SECOND;

const running = { running: { startedAt: ago(DAY) } };
const waiting = (reason?: string) => ({ waiting: reason === undefined ? {} : { reason } });
const terminated = (fields: Record<string, unknown>) => ({ terminated: { exitCode: 0, ...fields } });
const lastTerminated = (msAgo: number) => ({ terminated: { exitCode: 1, finishedAt: ago(msAgo) } });
const containers = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: 'busybox' }));
const sidecar = (name: string) => ({ name, image: 'envoy', restartPolicy: 'Always' });

function pod(spec: Record<string, unknown>, status: Record<string, unknown>, metadata: object = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', ...metadata }, spec, status };
}

describe('podPrinter', () => {
  it('declares the columns of kubectl get pods, the last four for -o wide', () => {
    expect(podPrinter.columns.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ]);
  });

  it.each([
    [
      'counts ready running containers and adds up restarts',
      pod(
        { containers: containers(2) },
        {
          phase: 'Running',
          containerStatuses: [
            { ready: true, restartCount: 3, state: running },
            { restartCount: 3, state: {} },
          ],
        },
      ),
      ['1/2', 'Running', '6'],
    ],
    [
      'shows the waiting reason of a container over the phase',
      pod(
        { containers: containers(2) },
        {
          phase: 'Running',
          containerStatuses: [
            { ready: true, restartCount: 3, state: running },
            { restartCount: 3, state: waiting('CrashLoopBackOff') },
          ],
        },
      ),
      ['1/2', 'CrashLoopBackOff', '6'],
    ],
    [
      'lets the first container reason win over later ones',
      pod(
        { containers: containers(2) },
        {
          phase: 'Running',
          containerStatuses: [
            { state: waiting('ImagePullBackOff') },
            { state: terminated({ reason: 'OOMKilled', exitCode: 137 }) },
          ],
        },
      ),
      ['0/2', 'ImagePullBackOff', '0'],
    ],
    [
      'does not count a ready container that is not running',
      pod(
        { containers: containers(2) },
        {
          phase: 'Pending',
          containerStatuses: [
            { ready: true, state: running },
            { ready: true, state: {} },
          ],
        },
      ),
      ['1/2', 'Pending', '0'],
    ],
    [
      'prefers the pod reason to the phase',
      pod({ containers: containers(1) }, { phase: 'Failed', reason: 'Evicted', containerStatuses: [] }),
      ['0/1', 'Evicted', '0'],
    ],
    [
      'shows NotReady when a completed container sits beside a running one without the Ready condition',
      pod(
        { containers: containers(2) },
        {
          phase: 'Running',
          containerStatuses: [
            { ready: true, state: terminated({ reason: 'Completed' }) },
            { ready: true, state: running },
          ],
        },
      ),
      ['1/2', 'NotReady', '0'],
    ],
    [
      'shows Running when a completed container sits beside a running one with the Ready condition',
      pod(
        { containers: containers(2) },
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [
            { ready: true, state: terminated({ reason: 'Completed' }) },
            { ready: true, state: running },
          ],
        },
      ),
      ['1/2', 'Running', '0'],
    ],
    [
      'prints the exit code of a container terminated without a reason',
      pod(
        { containers: containers(1) },
        { phase: 'Failed', containerStatuses: [{ state: terminated({ exitCode: 2 }) }] },
      ),
      ['0/1', 'ExitCode:2', '0'],
    ],
    [
      'prints the signal of a container killed without a reason',
      pod(
        { containers: containers(1) },
        { phase: 'Failed', containerStatuses: [{ state: terminated({ exitCode: 137, signal: 9 }) }] },
      ),
      ['0/1', 'Signal:9', '0'],
    ],
    [
      'shows how many init containers have finished',
      pod(
        { initContainers: containers(2), containers: containers(1) },
        {
          phase: 'Pending',
          initContainerStatuses: [
            { state: terminated({ reason: 'Completed' }) },
            { restartCount: 3, state: running, lastState: lastTerminated(10 * SECOND) },
          ],
          containerStatuses: [{ state: waiting('PodInitializing') }],
        },
      ),
      ['0/1', 'Init:1/2', '3 (10s ago)'],
    ],
    [
      'treats an init container waiting for PodInitializing as not started',
      pod(
        { initContainers: containers(1), containers: containers(1) },
        { phase: 'Pending', initContainerStatuses: [{ state: waiting('PodInitializing') }] },
      ),
      ['0/1', 'Init:0/1', '0'],
    ],
    [
      'prefixes the waiting reason of an init container',
      pod(
        { initContainers: containers(1), containers: containers(1) },
        { phase: 'Pending', initContainerStatuses: [{ restartCount: 4, state: waiting('CrashLoopBackOff') }] },
      ),
      ['0/1', 'Init:CrashLoopBackOff', '4'],
    ],
    [
      'prefixes the reason of a failed init container',
      pod(
        { initContainers: containers(1), containers: containers(1) },
        { phase: 'Pending', initContainerStatuses: [{ state: terminated({ reason: 'Error', exitCode: 1 }) }] },
      ),
      ['0/1', 'Init:Error', '0'],
    ],
    [
      'prints the exit code of a failed init container without a reason',
      pod(
        { initContainers: containers(1), containers: containers(1) },
        { phase: 'Pending', initContainerStatuses: [{ state: terminated({ exitCode: 3 }) }] },
      ),
      ['0/1', 'Init:ExitCode:3', '0'],
    ],
    [
      'prints the signal of an init container killed without a reason',
      pod(
        { initContainers: containers(1), containers: containers(1) },
        { phase: 'Pending', initContainerStatuses: [{ state: terminated({ exitCode: 143, signal: 15 }) }] },
      ),
      ['0/1', 'Init:Signal:15', '0'],
    ],
    [
      'shows PodInitializing once the init containers are done',
      pod(
        { initContainers: containers(1), containers: containers(1) },
        {
          phase: 'Pending',
          initContainerStatuses: [{ state: terminated({ reason: 'Completed' }) }],
          containerStatuses: [{ state: waiting('PodInitializing') }],
        },
      ),
      ['0/1', 'PodInitializing', '0'],
    ],
    [
      'counts only the restarts of the app containers once initialized',
      pod(
        { initContainers: containers(1), containers: containers(1) },
        {
          phase: 'Running',
          initContainerStatuses: [{ restartCount: 2, state: terminated({}), lastState: lastTerminated(120 * SECOND) }],
          containerStatuses: [{ restartCount: 4, state: running, lastState: lastTerminated(20 * SECOND) }],
        },
      ),
      ['0/1', 'Running', '4 (20s ago)'],
    ],
    [
      'shows when the latest of several restarts was',
      pod(
        { containers: containers(2) },
        {
          phase: 'Running',
          containerStatuses: [
            { ready: true, restartCount: 6, state: running, lastState: lastTerminated(5 * DAY) },
            { ready: true, restartCount: 3, state: running, lastState: lastTerminated(20 * DAY) },
          ],
        },
      ),
      ['2/2', 'Running', '9 (5d ago)'],
    ],
    [
      'shows SchedulingGated while scheduling gates hold the pod',
      pod(
        { containers: containers(2) },
        { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] },
      ),
      ['0/2', 'SchedulingGated', '0'],
    ],
    [
      'shows Completed for a pod that succeeded',
      pod(
        { containers: containers(1) },
        { phase: 'Succeeded', containerStatuses: [{ state: terminated({ reason: 'Completed' }) }] },
      ),
      ['0/1', 'Completed', '0'],
    ],
    [
      'shows Error for a pod that failed',
      pod(
        { containers: containers(1) },
        { phase: 'Failed', containerStatuses: [{ state: terminated({ reason: 'Error', exitCode: 1 }) }] },
      ),
      ['0/1', 'Error', '0'],
    ],
    [
      'keeps Completed for a succeeded pod being deleted',
      pod(
        { containers: containers(1) },
        { phase: 'Succeeded', containerStatuses: [{ state: terminated({ reason: 'Completed' }) }] },
        { deletionTimestamp: ago(10 * SECOND) },
      ),
      ['0/1', 'Completed', '0'],
    ],
    [
      'shows Terminating for a running pod being deleted',
      pod(
        { containers: containers(1) },
        { phase: 'Running', containerStatuses: [{ state: running }] },
        { deletionTimestamp: ago(10 * SECOND) },
      ),
      ['0/1', 'Terminating', '0'],
    ],
    [
      'shows Terminating for a pending pod being deleted',
      pod({ containers: containers(1) }, { phase: 'Pending' }, { deletionTimestamp: ago(10 * SECOND) }),
      ['0/1', 'Terminating', '0'],
    ],
    [
      'shows Unknown for a pod being deleted on an unreachable node',
      pod(
        { containers: containers(1) },
        { phase: 'Running', reason: 'NodeLost', containerStatuses: [{ ready: true, state: running }] },
        { deletionTimestamp: ago(10 * SECOND) },
      ),
      ['1/1', 'Unknown', '0'],
    ],
    [
      'counts sidecars as containers and waits for the first to start',
      pod(
        { initContainers: [sidecar('s1'), sidecar('s2')], containers: containers(1) },
        {
          phase: 'Pending',
          conditions: [{ type: 'Initialized', status: 'False' }],
          initContainerStatuses: [
            { name: 's1', started: false, restartCount: 3, state: running, lastState: lastTerminated(10 * SECOND) },
            { name: 's2', started: false, state: waiting() },
          ],
          containerStatuses: [{ state: waiting() }],
        },
      ),
      ['0/3', 'Init:0/2', '3 (10s ago)'],
    ],
    [
      'counts ready sidecars once all have started',
      pod(
        { initContainers: [sidecar('s1'), sidecar('s2')], containers: containers(1) },
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [
            {
              name: 's1',
              started: true,
              ready: true,
              restartCount: 3,
              state: running,
              lastState: lastTerminated(10 * SECOND),
            },
            { name: 's2', started: true, ready: false, state: running },
          ],
          containerStatuses: [{ ready: true, restartCount: 0, state: running }],
        },
      ),
      ['2/3', 'Running', '3 (10s ago)'],
    ],
  ])('%s', (_name, obj, want) => {
    expect(podPrinter.row(obj, NOW).slice(1, 4)).toEqual(want);
  });

  it('prints the name and age first', () => {
    const row = podPrinter.row(
      pod({ containers: containers(1) }, { phase: 'Pending' }, { creationTimestamp: ago(90 * SECOND) }),
      NOW,
    );
    expect([row[0], row[4]]).toEqual(['web', '90s']);
  });

  it('prints <unknown> as the age of a pod without a creation timestamp', () => {
    expect(podPrinter.row(pod({ containers: containers(1) }, {}), NOW)[4]).toBe('<unknown>');
  });

  it.each([
    [
      'placeholders for a pod not yet scheduled',
      pod({ containers: containers(1) }, { phase: 'Pending' }),
      ['<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'the pod IP, node, nominated node and passed readiness gates',
      pod(
        {
          containers: containers(1),
          nodeName: 'node-1',
          readinessGates: [{ conditionType: 'a' }, { conditionType: 'b' }],
        },
        {
          phase: 'Running',
          podIP: '10.244.1.5',
          podIPs: [{ ip: '10.244.1.5' }, { ip: 'fd00::5' }],
          nominatedNodeName: 'node-2',
          conditions: [
            { type: 'a', status: 'True' },
            { type: 'b', status: 'False' },
          ],
        },
      ),
      ['10.244.1.5', 'node-1', 'node-2', '1/2'],
    ],
    [
      'the first of the pod IPs',
      pod({ containers: [] }, { podIPs: [{ ip: 'fd00::5' }] }),
      ['fd00::5', '<none>', '<none>', '<none>'],
    ],
  ])('prints with -o wide %s', (_name, obj, want) => {
    expect(podPrinter.row(obj, NOW).slice(5)).toEqual(want);
  });
});
