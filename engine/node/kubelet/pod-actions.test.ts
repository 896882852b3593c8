import { describe, expect, it } from 'vitest';
import { computePodActions, shouldRestart } from './pod-actions.ts';
import type { ContainerView, PodActions } from './pod-actions.ts';
import type { PodSpec } from './pod-types.ts';

const none: ContainerView = { state: 'none', started: false, imageChanged: false };
const running: ContainerView = { state: 'running', started: true, imageChanged: false };
const exited = (exitCode: number): ContainerView => ({
  state: 'exited',
  exitCode,
  started: false,
  imageChanged: false,
});

interface Case {
  name: string;
  spec: PodSpec;
  views: Record<string, ContainerView>;
  sandboxReady: boolean;
  hadSandbox?: boolean;
  expected: Partial<PodActions>;
}

const one = (restartPolicy?: PodSpec['restartPolicy']): PodSpec => ({
  restartPolicy,
  containers: [{ name: 'app', image: 'x' }],
});
const withInit: PodSpec = {
  initContainers: [
    { name: 'init-1', image: 'x' },
    { name: 'init-2', image: 'x' },
  ],
  containers: [{ name: 'app', image: 'x' }],
};
const withSidecar: PodSpec = {
  initContainers: [{ name: 'proxy', image: 'x', restartPolicy: 'Always' }],
  containers: [{ name: 'app', image: 'x' }],
};

const cases: Case[] = [
  {
    name: 'a new pod gets a sandbox and its containers',
    spec: one(),
    views: {},
    sandboxReady: false,
    expected: { createSandbox: true, start: ['app'], kill: [] },
  },
  {
    name: 'a new pod with init containers gets a sandbox and its first init container',
    spec: withInit,
    views: {},
    sandboxReady: false,
    expected: { createSandbox: true, start: ['init-1'] },
  },
  {
    name: 'the next init container starts once the one before completed',
    spec: withInit,
    views: { 'init-1': exited(0), 'init-2': none },
    sandboxReady: true,
    expected: { start: ['init-2'] },
  },
  {
    name: 'nothing starts while an init container runs',
    spec: withInit,
    views: { 'init-1': running },
    sandboxReady: true,
    expected: { start: [], killPod: false },
  },
  {
    name: 'the regular containers start once every init container completed',
    spec: withInit,
    views: { 'init-1': exited(0), 'init-2': exited(0) },
    sandboxReady: true,
    expected: { start: ['app'] },
  },
  {
    name: 'a failed init container is restarted under restartPolicy Always',
    spec: withInit,
    views: { 'init-1': exited(1) },
    sandboxReady: true,
    expected: { start: ['init-1'] },
  },
  {
    name: 'a failed init container ends a Never pod',
    spec: { ...withInit, restartPolicy: 'Never' },
    views: { 'init-1': exited(1) },
    sandboxReady: true,
    expected: { killPod: true },
  },
  {
    name: 'regular containers wait for a sidecar to start',
    spec: withSidecar,
    views: { proxy: { ...running, started: false } },
    sandboxReady: true,
    expected: { start: [] },
  },
  {
    name: 'regular containers start once the sidecar started',
    spec: withSidecar,
    views: { proxy: running },
    sandboxReady: true,
    expected: { start: ['app'] },
  },
  {
    name: 'a container that exited is restarted under restartPolicy Always',
    spec: one(),
    views: { app: exited(0) },
    sandboxReady: true,
    expected: { start: ['app'] },
  },
  {
    name: 'a container that exited 0 ends an OnFailure pod',
    spec: one('OnFailure'),
    views: { app: exited(0) },
    sandboxReady: true,
    expected: { killPod: true, start: [] },
  },
  {
    name: 'a container that failed is restarted under OnFailure',
    spec: one('OnFailure'),
    views: { app: exited(2) },
    sandboxReady: true,
    expected: { start: ['app'] },
  },
  {
    name: 'a container that failed ends a Never pod',
    spec: one('Never'),
    views: { app: exited(2) },
    sandboxReady: true,
    expected: { killPod: true },
  },
  {
    name: 'a container whose liveness probe failed is killed and restarted',
    spec: one(),
    views: { app: { ...running, probeFailed: 'liveness' } },
    sandboxReady: true,
    expected: {
      start: ['app'],
      kill: [{ name: 'app', reason: 'liveness', message: 'Container app failed liveness probe, will be restarted' }],
    },
  },
  {
    name: 'a container whose image changed is killed and restarted',
    spec: one('Never'),
    views: { app: { ...running, imageChanged: true } },
    sandboxReady: true,
    expected: {
      start: ['app'],
      kill: [{ name: 'app', reason: 'changed', message: 'Container app definition changed, will be restarted' }],
    },
  },
  {
    name: 'a lost sandbox of a Never pod whose containers ran ends the pod',
    spec: one('Never'),
    views: { app: exited(255) },
    sandboxReady: false,
    hadSandbox: true,
    expected: { killPod: true },
  },
  {
    name: 'a lost sandbox of an Always pod is re-created with its containers',
    spec: one(),
    views: { app: exited(255) },
    sandboxReady: false,
    hadSandbox: true,
    expected: { createSandbox: true, start: ['app'] },
  },
];

describe('computePodActions', () => {
  it.each(cases)('$name', (c) => {
    const actions = computePodActions(c.spec, new Map(Object.entries(c.views)), c.sandboxReady, c.hadSandbox ?? false);
    expect(actions).toMatchObject(c.expected);
  });
});

describe('shouldRestart', () => {
  it.each([
    { policy: 'Always', exitCode: 0, restart: true },
    { policy: 'Always', exitCode: 1, restart: true },
    { policy: 'OnFailure', exitCode: 0, restart: false },
    { policy: 'OnFailure', exitCode: 1, restart: true },
    { policy: 'Never', exitCode: 1, restart: false },
  ] as const)('a container that exited $exitCode under $policy: restart $restart', ({ policy, exitCode, restart }) => {
    expect(shouldRestart(one(policy), { name: 'app' }, exited(exitCode), false)).toBe(restart);
  });

  it('restarts nothing in a pod being deleted', () => {
    expect(shouldRestart(one(), { name: 'app' }, none, true)).toBe(false);
  });
});
