import { describe, expect, it } from 'vitest';
import { podPhase } from './pod-phase.ts';
import type { ContainerStatus, PodSpec } from './pod-types.ts';

type State = 'running' | 'waiting' | 'exit0' | 'exit1' | 'restarting-after-exit1' | 'unstarted-sidecar';

function status(name: string, state: State): ContainerStatus {
  const base = { name, ready: false, restartCount: 0, image: 'x', imageID: '', lastState: {}, started: false };
  const terminated = (exitCode: number) => ({ exitCode, startedAt: 't', finishedAt: 't' });
  switch (state) {
    case 'running':
      return { ...base, state: { running: { startedAt: 't' } }, started: true };
    case 'unstarted-sidecar':
      return { ...base, state: { running: { startedAt: 't' } }, started: false };
    case 'waiting':
      return { ...base, state: { waiting: { reason: 'ContainerCreating' } } };
    case 'exit0':
      return { ...base, state: { terminated: terminated(0) } };
    case 'exit1':
      return { ...base, state: { terminated: terminated(1) } };
    case 'restarting-after-exit1':
      return { ...base, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: terminated(1) } };
  }
}

interface Case {
  name: string;
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  init?: [string, State][];
  sidecars?: [string, State][];
  containers: [string, State | undefined][];
  terminal?: boolean;
  isStatic?: boolean;
  phase: string;
}

const cases: Case[] = [
  { name: 'a pod whose container is being created is Pending', containers: [['c', 'waiting']], phase: 'Pending' },
  { name: 'a pod whose containers are unknown yet is Pending', containers: [['c', undefined]], phase: 'Pending' },
  {
    name: 'a pod with every container running is Running',
    containers: [
      ['a', 'running'],
      ['b', 'running'],
    ],
    phase: 'Running',
  },
  {
    name: 'a pod with one container running and one waiting is Pending',
    containers: [
      ['a', 'running'],
      ['b', 'waiting'],
    ],
    phase: 'Pending',
  },
  {
    name: 'a crash-looping container keeps an Always pod Running',
    containers: [['c', 'restarting-after-exit1']],
    phase: 'Running',
  },
  {
    name: 'an Always pod whose container exited 0 is Running (it restarts)',
    containers: [['c', 'exit0']],
    phase: 'Running',
  },
  {
    name: 'a Never pod whose containers all exited 0 Succeeded',
    restartPolicy: 'Never',
    containers: [
      ['a', 'exit0'],
      ['b', 'exit0'],
    ],
    phase: 'Succeeded',
  },
  {
    name: 'a Never pod with one container failed is Failed',
    restartPolicy: 'Never',
    containers: [
      ['a', 'exit0'],
      ['b', 'exit1'],
    ],
    phase: 'Failed',
  },
  {
    name: 'an OnFailure pod whose container exited 0 Succeeded',
    restartPolicy: 'OnFailure',
    containers: [['c', 'exit0']],
    phase: 'Succeeded',
  },
  {
    name: 'an OnFailure pod whose container failed is Running (it restarts)',
    restartPolicy: 'OnFailure',
    containers: [['c', 'exit1']],
    phase: 'Running',
  },
  {
    name: 'a terminal pod (deleted) whose containers were stopped with errors is Failed',
    containers: [['c', 'exit1']],
    terminal: true,
    phase: 'Failed',
  },
  {
    name: 'a terminal static pod keeps the phase its restart policy gives',
    containers: [['c', 'exit1']],
    terminal: true,
    isStatic: true,
    phase: 'Running',
  },
  {
    name: 'a pod whose init container runs is Pending',
    init: [['init', 'running']],
    containers: [['c', 'waiting']],
    phase: 'Pending',
  },
  {
    name: 'a pod whose init container completed and whose container runs is Running',
    init: [['init', 'exit0']],
    containers: [['c', 'running']],
    phase: 'Running',
  },
  {
    name: 'a Never pod whose init container failed is Failed',
    restartPolicy: 'Never',
    init: [['init', 'exit1']],
    containers: [['c', 'waiting']],
    phase: 'Failed',
  },
  {
    name: 'an Always pod whose init container failed and restarts is Pending',
    init: [['init', 'restarting-after-exit1']],
    containers: [['c', 'waiting']],
    phase: 'Pending',
  },
  {
    name: 'a pod whose sidecar has not started yet is Pending',
    sidecars: [['proxy', 'unstarted-sidecar']],
    containers: [['c', 'waiting']],
    phase: 'Pending',
  },
  {
    name: 'a Never pod whose main container exited 0 while its sidecar still runs is Running',
    restartPolicy: 'Never',
    sidecars: [['proxy', 'running']],
    containers: [['c', 'exit0']],
    phase: 'Running',
  },
];

describe('podPhase', () => {
  it.each(cases)('$name', (c) => {
    const spec: PodSpec = {
      restartPolicy: c.restartPolicy,
      initContainers: [
        ...(c.init ?? []).map(([name]) => ({ name, image: 'x' })),
        ...(c.sidecars ?? []).map(([name]) => ({ name, image: 'x', restartPolicy: 'Always' })),
      ],
      containers: c.containers.map(([name]) => ({ name, image: 'x' })),
    };
    const init = [...(c.init ?? []), ...(c.sidecars ?? [])].map(([name, state]) => status(name, state));
    const containers = c.containers.flatMap(([name, state]) => (state ? [status(name, state)] : []));
    expect(podPhase(spec, init, containers, c.terminal ?? false, c.isStatic ?? false)).toBe(c.phase);
  });
});
