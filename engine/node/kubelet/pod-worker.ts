// One pod on the node, as kubelet's pod worker drives it: syncs run one at a time, each publishing the status
// the pod has now, then doing what computePodActions asks — sandbox, image pulls, init containers, containers,
// restarts after back-off, kills for failed probes — and terminating the pod when it is deleted or done
// (Killing, preStop, SIGTERM, SIGKILL after the grace period), after which the status manager deletes it.
// A sync is triggered by a change of the pod, a container that ends, a probe result, or a back-off running out.

import type { Readable } from 'node:stream';
import { deepEqual } from '../../api/json.ts';
import type { KubeObject } from '../../api/object.ts';
import { Quantity } from '../../api/quantity.ts';
import type { Clock, Timer } from '../../lab/clock.ts';
import { OverlayFilesystem } from '../runtime/container-filesystem.ts';
import type { Mount } from '../runtime/container-filesystem.ts';
import type { ContainerRuntime } from '../runtime/container-runtime.ts';
import { SandboxError } from '../runtime/container-runtime.ts';
import { normalizedName, parseImageReference } from '../runtime/image-reference.ts';
import type { PodSandbox } from '../runtime/pod-sandbox.ts';
import type { RuntimeContainer } from '../runtime/runtime-container.ts';
import { ExecError } from '../runtime/runtime-container.ts';
import type { Backoff } from './backoff.ts';
import { containerArgv, containerEnv } from './container-env.ts';
import type { EnvSources } from './container-env.ts';
import { ContainerProbes } from './container-probes.ts';
import type { ContainerInstance, ContainerRecord } from './container-statuses.ts';
import { goDuration } from './go-duration.ts';
import type { ImageManager } from './image-manager.ts';
import { containerFieldPath } from './kubelet-events.ts';
import type { KubeletEvents } from './kubelet-events.ts';
import { runLifecycleHook } from './lifecycle-hooks.ts';
import { computePodActions, shouldRestart } from './pod-actions.ts';
import type { ContainerView } from './pod-actions.ts';
import { admitPod } from './pod-admission.ts';
import type { NodeAllocatable } from './pod-admission.ts';
import { podDnsWarnings, podEtcFiles, podHostname } from './pod-etc-files.ts';
import { podPortMappings } from './port-mappings.ts';
import type { DnsSettings, PodIdentity } from './pod-etc-files.ts';
import type { PodStatusManager } from './pod-status-manager.ts';
import { generatePodStatus, rejectedPodStatus } from './pod-status.ts';
import type { Container, PodSpec, PodStatus } from './pod-types.ts';
import { formatPod, isSidecar, podSpecOf, podStatusOf } from './pod-types.ts';
import type { ProbeTarget } from './probe-check.ts';
import type { VolumePlugin } from './volume-plugins.ts';
import { MountError, setUpVolumes } from './volume-plugins.ts';

/** What pod workers share: the node's runtime and managers, and the kubelet around them. */
export interface PodWorkerHost {
  readonly clock: Clock;
  readonly nodeName: string;
  readonly runtime: ContainerRuntime;
  readonly images: ImageManager;
  readonly events: KubeletEvents;
  readonly statuses: PodStatusManager;
  readonly restartBackoff: Backoff;
  readonly envSources: EnvSources;
  readonly dns: DnsSettings;
  readonly volumePlugins: readonly VolumePlugin[];
  nodeIP(): string;
  allocatable(): NodeAllocatable;
  /** The API object the pod's status goes to (the mirror pod of a static pod), once there is one. */
  statusObject(worker: PodWorker): KubeObject | undefined;
  /** The specs of the other pods admitted on the node. */
  admittedPods(except: PodWorker): PodSpec[];
  /** The worker is done for good: its pod is gone. */
  finished(worker: PodWorker): void;
}

interface Slot {
  spec: Container;
  isInit: boolean;
  instance?: RuntimeContainer;
  previous?: RuntimeContainer;
  waiting?: { reason: string; message: string };
  probes?: ContainerProbes;
}

/** How long before a sync publishes what the previous one learned (kubelet's PLEG relists every second). */
const FOLLOW_UP_MS = 1000;
/** When to retry a container whose configuration failed (kubelet's pod worker back-off period). */
const ERROR_RETRY_MS = 10_000;
/** Containers always get at least this long to stop (kubelet's minimumGracePeriodInSeconds). */
const MINIMUM_GRACE_S = 2;
const TERMINATION_MESSAGE_MAX = 4096;

type Mode = 'syncing' | 'terminating' | 'terminated';

export class PodWorker {
  pod: KubeObject;
  readonly uid: string;
  private mode: Mode = 'syncing';
  private readonly slots = new Map<string, Slot>();
  private sandbox: PodSandbox | undefined;
  private sandboxes = 0;
  private podIP: string | undefined;
  private admitted = false;
  private rejection: { reason: string; message: string } | undefined;
  /** The pod is gone from the API (or the node): terminate and forget it. */
  private removed = false;
  private halted = false;
  private syncing = false;
  private again = false;
  private wake: Timer | undefined;
  private wakeAt = Infinity;
  private lastStatus: PodStatus | undefined;
  private readonly identity: PodIdentity;

  constructor(
    private readonly host: PodWorkerHost,
    pod: KubeObject,
    readonly isStatic: boolean,
  ) {
    this.pod = pod;
    this.uid = pod.metadata.uid ?? '';
    this.identity = {
      name: pod.metadata.name ?? '',
      namespace: pod.metadata.namespace ?? 'default',
      spec: podSpecOf(pod),
      podIP: '',
      nodeName: host.nodeName,
    };
    this.refreshSlots();
  }

  get spec(): PodSpec {
    return podSpecOf(this.pod);
  }

  /** Whether the pod holds node resources (admitted and not terminated). */
  get active(): boolean {
    return this.admitted && this.mode !== 'terminated';
  }

  get terminated(): boolean {
    return this.mode === 'terminated';
  }

  /** The status last generated. */
  get status(): PodStatus {
    return this.lastStatus ?? podStatusOf(this.pod);
  }

  /** The pod's containers' latest and previous instances, by name (for logs, exec, attach, metrics). */
  container(
    name: string,
  ): { spec: Container; isInit: boolean; current?: RuntimeContainer; previous?: RuntimeContainer } | undefined {
    const slot = this.slots.get(name);
    return slot && { spec: slot.spec, isInit: slot.isInit, current: slot.instance, previous: slot.previous };
  }

  /** The pod's sandbox while one exists (ready or stopped). */
  get podSandbox(): PodSandbox | undefined {
    return this.sandbox;
  }

  containerNames(): string[] {
    return [...this.slots.keys()];
  }

  /** A new version of the pod from the API: sync when something the kubelet acts on changed. */
  update(pod: KubeObject): void {
    const old = this.pod;
    this.pod = pod;
    this.identity.spec = podSpecOf(pod);
    if (this.mode === 'terminated') {
      if (pod.metadata.deletionTimestamp && !this.isStatic) this.host.statuses.deleteWhenWritten(this.uid);
      return;
    }
    const deletionChanged =
      old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
      old.metadata.deletionGracePeriodSeconds !== pod.metadata.deletionGracePeriodSeconds;
    if (deletionChanged || this.imagesChanged(old)) {
      this.refreshSlots();
      this.kick();
    } else if (this.readinessGatesChanged(old)) this.kick();
  }

  /** Whether a condition a readiness gate names changed (another controller set it): Ready follows it. */
  private readinessGatesChanged(old: KubeObject): boolean {
    const gates = this.spec.readinessGates ?? [];
    if (gates.length === 0) return false;
    const statusOf = (pod: KubeObject, type: string) =>
      podStatusOf(pod).conditions?.find((c) => c.type === type)?.status;
    return gates.some((g) => statusOf(old, g.conditionType) !== statusOf(this.pod, g.conditionType));
  }

  /** The pod is gone: stop it and forget it. */
  remove(): void {
    this.removed = true;
    this.kick();
  }

  /** Sync soon (the mirror pod appeared, the network became ready…). */
  kick(): void {
    if (this.halted) return;
    this.again = true;
    if (!this.syncing) void this.loop();
  }

  /** The node went down: no more syncs, probes or timers until it is resumed. */
  halt(): void {
    this.halted = true;
    this.wake?.cancel();
    this.wake = undefined;
    this.wakeAt = Infinity;
    for (const slot of this.slots.values()) {
      slot.probes?.stop();
      slot.probes = undefined;
    }
    if (this.sandbox) this.host.runtime.stopPodSandbox(this.sandbox);
    this.lastStatus = undefined;
  }

  resume(): void {
    this.halted = false;
    this.kick();
  }

  /** CPU and memory in use by each running container. */
  usage(): { name: string; cpuMillis: number; memoryBytes: number }[] {
    const out: { name: string; cpuMillis: number; memoryBytes: number }[] = [];
    for (const [name, slot] of this.slots) {
      if (slot.instance?.state !== 'running') continue;
      const u = slot.instance.usage();
      const limit = slot.instance.config.cpuLimitMillis;
      out.push({ name, cpuMillis: limit ? Math.min(u.cpuMillis, limit) : u.cpuMillis, memoryBytes: u.memoryBytes });
    }
    return out;
  }

  /** Kills containers over their memory limit, as the kernel's OOM killer would. */
  enforceMemoryLimits(): void {
    for (const slot of this.slots.values()) {
      const instance = slot.instance;
      const limit = instance?.config.memoryLimitBytes;
      if (instance?.state === 'running' && limit && instance.usage().memoryBytes > limit) instance.oomKill();
    }
  }

  private async loop(): Promise<void> {
    this.syncing = true;
    try {
      while (this.again && !this.halted) {
        this.again = false;
        try {
          await this.syncOnce();
        } catch {
          this.wakeIn(ERROR_RETRY_MS);
        }
      }
    } finally {
      this.syncing = false;
    }
  }

  private refreshSlots(): void {
    const spec = this.spec;
    const seen = new Set<string>();
    for (const [containers, isInit] of [
      [spec.initContainers ?? [], true],
      [spec.containers, false],
    ] as const) {
      for (const c of containers) {
        seen.add(c.name);
        const slot = this.slots.get(c.name);
        if (slot) slot.spec = c;
        else this.slots.set(c.name, { spec: c, isInit });
      }
    }
    for (const name of [...this.slots.keys()]) if (!seen.has(name)) this.slots.delete(name);
  }

  private imagesChanged(old: KubeObject): boolean {
    const before = podSpecOf(old);
    const now = this.spec;
    if (before.containers.length !== now.containers.length) return true;
    return now.containers.some((c, i) => before.containers[i]?.image !== c.image);
  }

  private get deleting(): boolean {
    return this.removed || this.pod.metadata.deletionTimestamp !== undefined;
  }

  private async syncOnce(): Promise<void> {
    if (this.mode === 'terminated') {
      if (this.removed) this.host.finished(this);
      return;
    }
    if (this.deleting) return this.terminate();
    if (!this.admitted && !this.admit()) return;
    const spec = this.spec;
    if (!spec.hostNetwork && !this.host.runtime.networkReady) {
      this.host.events.pod(
        this.pod,
        'Warning',
        'NetworkNotReady',
        'network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
      );
      this.publish(false);
      return;
    }
    const status = this.publish(false);
    if (status.phase === 'Succeeded' || status.phase === 'Failed') return this.terminate();

    const views = new Map<string, ContainerView>();
    for (const [name, slot] of this.slots) views.set(name, this.viewOf(slot));
    const actions = computePodActions(spec, views, this.sandbox?.ready ?? false, this.sandboxes > 0);
    const waitingBefore = this.waitingSignature();
    let changed = false;

    if (actions.killPod || actions.createSandbox) {
      if (await this.killAll(undefined)) changed = true;
      if (this.sandbox?.ready) {
        this.host.runtime.stopPodSandbox(this.sandbox);
        changed = true;
      }
    }
    if (actions.killPod) {
      if (changed) this.again = true;
      return;
    }
    if (actions.createSandbox) {
      if (!(await this.createSandbox())) return;
      changed = true;
    }
    for (const kill of actions.kill) {
      const slot = this.slots.get(kill.name);
      const grace = kill.reason === 'changed' ? undefined : this.probeGrace(slot?.spec, kill.reason);
      if (slot?.instance) await this.killContainer(slot, slot.instance, kill.message, grace);
      changed = true;
    }
    for (const name of actions.start) {
      if (this.deleting || this.halted || !this.sandbox?.ready) break;
      const slot = this.slots.get(name);
      if (slot && (await this.startContainer(slot))) changed = true;
    }

    if (changed) this.again = true;
    else if (this.waitingSignature() !== waitingBefore) this.wakeIn(FOLLOW_UP_MS);
    this.scheduleBackoffWake();
  }

  private admit(): boolean {
    if (this.isStatic) {
      this.admitted = true;
      return true;
    }
    const result = admitPod(this.spec, this.host.admittedPods(this), this.host.allocatable());
    if (result.admit) {
      this.admitted = true;
      return true;
    }
    this.rejection = { reason: result.reason, message: result.message };
    this.host.events.pod(this.pod, 'Warning', result.reason, result.message);
    this.mode = 'terminated';
    this.publish(true);
    return false;
  }

  /** Generates the pod's status and hands it to the status manager when it changed. */
  private publish(terminal: boolean): PodStatus {
    const target = this.host.statusObject(this);
    const previous = this.lastStatus ?? podStatusOf(target ?? this.pod);
    const status = this.rejection
      ? rejectedPodStatus(previous, this.rejection.reason, this.rejection.message)
      : generatePodStatus({
          spec: this.spec,
          previous,
          apiConditions: podStatusOf(target ?? this.pod).conditions,
          init: (this.spec.initContainers ?? []).map((c) => this.recordOf(c.name)),
          containers: this.spec.containers.map((c) => this.recordOf(c.name)),
          sandboxReady: this.sandbox?.ready ?? false,
          podIP: this.podIP,
          hostIP: this.host.nodeIP(),
          terminal,
          isStaticPod: this.isStatic,
          now: this.host.clock.now(),
        });
    const unchanged = this.lastStatus !== undefined && deepEqual(this.lastStatus, status);
    if (!unchanged) this.lastStatus = status;
    if (target && (!unchanged || this.host.statuses.get(target.metadata.uid ?? '') === undefined)) {
      this.host.statuses.set(target, this.lastStatus ?? status);
    }
    return this.lastStatus ?? status;
  }

  private recordOf(name: string): ContainerRecord {
    const slot = this.slots.get(name)!;
    const view = this.viewOf(slot);
    return {
      spec: slot.spec,
      current: slot.instance && instanceOf(slot.instance),
      previous: slot.previous && instanceOf(slot.previous),
      waiting: slot.waiting,
      ready: slot.probes?.ready ?? true,
      started: slot.probes?.started ?? true,
      shouldRestart: shouldRestart(this.spec, slot.spec, view, this.deleting || this.mode !== 'syncing'),
    };
  }

  private viewOf(slot: Slot): ContainerView {
    const instance = slot.instance;
    if (!instance) return { state: 'none', started: false, imageChanged: false };
    const running = instance.state === 'running';
    const ref = running ? parseImageReference(slot.spec.image ?? '') : undefined;
    return {
      state: running ? 'running' : 'exited',
      exitCode: instance.exitCode,
      started: running && (slot.probes?.started ?? true),
      probeFailed: running ? slot.probes?.failed : undefined,
      imageChanged: ref !== undefined && normalizedName(ref) !== instance.config.image.name,
    };
  }

  private waitingSignature(): string {
    let signature = '';
    for (const [name, slot] of this.slots)
      if (slot.waiting) signature += `${name}\0${slot.waiting.reason}\0${slot.waiting.message}\0`;
    return signature;
  }

  private async createSandbox(): Promise<boolean> {
    const spec = this.spec;
    if (this.sandboxes > 0) {
      this.host.events.pod(
        this.pod,
        'Normal',
        'SandboxChanged',
        'Pod sandbox changed, it will be killed and re-created.',
      );
    }
    try {
      const volumes = await setUpVolumes(this.pod, spec.volumes ?? [], this.host.volumePlugins);
      for (const warning of podDnsWarnings(this.identity, this.host.dns)) {
        this.host.events.pod(this.pod, 'Warning', warning.reason, warning.message);
      }
      this.sandbox = await this.host.runtime.runPodSandbox({
        podUid: this.uid,
        podNamespace: this.pod.metadata.namespace ?? 'default',
        podName: this.pod.metadata.name ?? '',
        hostNetwork: spec.hostNetwork === true,
        etcFiles: podEtcFiles(this.identity, this.host.dns),
        volumes,
        portMappings: podPortMappings(spec),
      });
    } catch (error) {
      if (error instanceof MountError) {
        const message = `MountVolume.SetUp failed for volume "${error.volume}" : ${error.message}`;
        this.host.events.pod(this.pod, 'Warning', 'FailedMount', message);
      } else {
        const message = error instanceof SandboxError ? error.message : String(error);
        this.host.events.pod(this.pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${message}`);
      }
      this.wakeIn(ERROR_RETRY_MS);
      return false;
    }
    this.sandboxes++;
    this.podIP = this.sandbox.ip;
    this.identity.podIP = this.sandbox.ip;
    return true;
  }

  /** Starts (or restarts, after its back-off) a container; false when it did not get to run. */
  private async startContainer(slot: Slot): Promise<boolean> {
    const pod = this.pod;
    const spec = slot.spec;
    const fieldPath = containerFieldPath(spec, slot.isInit);
    const now = this.host.clock.now();
    const key = `${this.uid}_${spec.name}`;
    const last = slot.instance;
    if (last && last.state === 'exited') {
      if (this.host.restartBackoff.isInBackOffSince(key, last.finishedAt ?? now, now)) {
        this.host.events.pod(
          pod,
          'Warning',
          'BackOff',
          `Back-off restarting failed container ${spec.name} in pod ${formatPod(pod)}`,
          fieldPath,
        );
        slot.waiting = {
          reason: 'CrashLoopBackOff',
          message: `back-off ${goDuration(this.host.restartBackoff.get(key))} restarting failed container=${spec.name} pod=${formatPod(pod)}`,
        };
        return false;
      }
      this.host.restartBackoff.next(key, now);
    }
    const image = await this.host.images.ensure(pod, spec, fieldPath);
    if (!image.ok) {
      slot.waiting = { reason: image.reason, message: image.message };
      this.host.events.pod(pod, 'Warning', 'Failed', `Error: ${image.reason}`, fieldPath);
      return false;
    }
    const sandbox = this.sandbox;
    if (!sandbox?.ready || this.deleting || this.halted) return false;
    const hostname = podHostname(this.identity);
    const allocatable = this.host.allocatable();
    const env = await containerEnv({
      pod,
      container: spec,
      image: image.image.definition,
      hostname,
      hostIP: this.host.nodeIP(),
      podIP: sandbox.ip,
      allocatable,
      sources: this.host.envSources,
    });
    if (!env.ok) {
      slot.waiting = { reason: 'CreateContainerConfigError', message: env.message };
      this.host.events.pod(pod, 'Warning', 'Failed', `Error: ${env.message}`, fieldPath);
      return false;
    }
    const mounts: Mount[] = [];
    for (const m of spec.volumeMounts ?? []) {
      const fs = sandbox.volumes.get(m.name);
      if (fs) mounts.push({ path: m.mountPath, fs, readOnly: m.readOnly === true });
    }
    const definition = image.image.definition;
    const limits = spec.resources?.limits ?? {};
    const instance = await this.host.runtime.startContainer(
      sandbox,
      {
        name: spec.name,
        attempt: last ? last.config.attempt + 1 : 0,
        image: image.image,
        argv: containerArgv(spec, definition, env.env),
        env: env.env,
        workingDir: spec.workingDir || definition.workingDir || '/',
        hostname,
        tty: spec.tty === true,
        stdin: spec.stdin === true,
        fs: new OverlayFilesystem(definition, sandbox.etcFiles, mounts),
        memoryLimitBytes: limits['memory'] ? quantityValue(limits['memory'], false) : undefined,
        cpuLimitMillis: limits['cpu'] ? quantityValue(limits['cpu'], true) : undefined,
      },
      (c) => this.containerExited(slot, c),
    );
    slot.previous = last;
    slot.instance = instance;
    slot.probes?.stop();
    slot.probes = undefined;
    this.host.events.pod(pod, 'Normal', 'Created', `Created container: ${spec.name}`, fieldPath);
    if (instance.reason === 'StartError') {
      slot.waiting = { reason: 'RunContainerError', message: instance.message ?? '' };
      this.host.events.pod(pod, 'Warning', 'Failed', `Error: ${instance.message ?? ''}`, fieldPath);
      return true;
    }
    this.host.events.pod(pod, 'Normal', 'Started', `Started container ${spec.name}`, fieldPath);
    slot.waiting = undefined;
    if (spec.livenessProbe || spec.readinessProbe || spec.startupProbe) {
      slot.probes = new ContainerProbes(spec, instance.startedAt ?? now, this.host.clock, this.probeTarget(instance), {
        failed: (_kind, message) => this.host.events.pod(this.pod, 'Warning', 'Unhealthy', message, fieldPath),
        changed: () => this.kick(),
      });
    }
    const postStart = spec.lifecycle?.postStart;
    if (postStart && instance.state === 'running') {
      const ok = await runLifecycleHook(postStart, spec, this.probeTarget(instance), this.host.clock);
      if (!ok) {
        this.host.events.pod(pod, 'Warning', 'FailedPostStartHook', 'PostStartHook failed', fieldPath);
        await this.killContainer(slot, instance, undefined, undefined);
        slot.waiting = { reason: 'PostStartHookError', message: '' };
      }
    }
    return true;
  }

  private containerExited(slot: Slot, instance: RuntimeContainer): void {
    if (slot.instance === instance) {
      slot.probes?.stop();
      slot.probes = undefined;
    }
    if (instance.reason !== 'StartError' && instance.reason !== 'Unknown') {
      const message = terminationMessage(slot.spec, instance);
      if (message) instance.message = instance.message ? `${instance.message}: ${message}` : message;
    }
    this.kick();
  }

  /** The grace period of a container killed for a failed probe: the probe's own, when it sets one. */
  private probeGrace(spec: Container | undefined, reason: 'liveness' | 'startup'): number | undefined {
    return spec?.[`${reason}Probe`]?.terminationGracePeriodSeconds;
  }

  /** Stops one container: Killing event, preStop hook, then SIGTERM and SIGKILL after what is left of the grace. */
  private async killContainer(
    slot: Slot,
    instance: RuntimeContainer,
    message: string | undefined,
    graceSeconds: number | undefined,
  ): Promise<void> {
    if (instance.state !== 'running') return;
    const fieldPath = containerFieldPath(slot.spec, slot.isInit);
    this.host.events.pod(this.pod, 'Normal', 'Killing', message ?? `Stopping container ${slot.spec.name}`, fieldPath);
    let grace =
      graceSeconds ?? this.pod.metadata.deletionGracePeriodSeconds ?? this.spec.terminationGracePeriodSeconds ?? 30;
    const preStop = slot.spec.lifecycle?.preStop;
    if (preStop && grace > 0) {
      const started = this.host.clock.now();
      let timer: Timer | undefined;
      const hook = runLifecycleHook(preStop, slot.spec, this.probeTarget(instance), this.host.clock).then((ok) => {
        if (!ok) this.host.events.pod(this.pod, 'Warning', 'FailedPreStopHook', 'PreStopHook failed', fieldPath);
      });
      await Promise.race([
        hook,
        new Promise<void>((resolve) => (timer = this.host.clock.setTimeout(resolve, grace * 1000))),
      ]);
      timer?.cancel();
      grace -= Math.floor((this.host.clock.now() - started) / 1000);
    }
    await instance.stop(Math.max(grace, MINIMUM_GRACE_S) * 1000);
  }

  /** Kills every running container: regular (and init) ones together, then sidecars in reverse order. */
  private async killAll(graceSeconds: number | undefined): Promise<boolean> {
    const running = [...this.slots.values()].filter((s) => s.instance?.state === 'running');
    if (running.length === 0) return false;
    for (const slot of running) slot.probes?.stopLiveness();
    const sidecars = running.filter((s) => s.isInit && isSidecar(s.spec)).reverse();
    const others = running.filter((s) => !sidecars.includes(s));
    await Promise.all(others.map((s) => this.killContainer(s, s.instance!, undefined, graceSeconds)));
    for (const s of sidecars) await this.killContainer(s, s.instance!, undefined, graceSeconds);
    return true;
  }

  private async terminate(): Promise<void> {
    this.mode = 'terminating';
    this.wake?.cancel();
    this.wake = undefined;
    this.wakeAt = Infinity;
    await this.killAll(this.deleting ? this.pod.metadata.deletionGracePeriodSeconds : undefined);
    for (const slot of this.slots.values()) {
      slot.probes?.stop();
      slot.probes = undefined;
    }
    if (this.sandbox) this.host.runtime.stopPodSandbox(this.sandbox);
    this.mode = 'terminated';
    this.host.images.forgetPod(
      this.uid,
      [...this.slots.values()].map((s) => s.spec),
    );
    for (const name of this.slots.keys()) this.host.restartBackoff.reset(`${this.uid}_${name}`);
    if (this.removed) {
      this.host.finished(this);
      return;
    }
    this.publish(true);
    if (this.pod.metadata.deletionTimestamp && !this.isStatic) this.host.statuses.deleteWhenWritten(this.uid);
  }

  /** When a container waiting for its back-off may start again, sync. */
  private scheduleBackoffWake(): void {
    const now = this.host.clock.now();
    let earliest = Infinity;
    for (const slot of this.slots.values()) {
      const reason = slot.waiting?.reason;
      if (reason === 'CrashLoopBackOff' && slot.instance) {
        const key = `${this.uid}_${slot.spec.name}`;
        earliest = Math.min(earliest, (slot.instance.finishedAt ?? now) + this.host.restartBackoff.get(key));
      } else if (reason === 'ImagePullBackOff' || reason === 'ErrImagePull') {
        const expiry = this.host.images.backoffExpiry(this.pod, slot.spec.image ?? '');
        if (expiry !== undefined) earliest = Math.min(earliest, expiry);
      } else if (
        reason === 'CreateContainerConfigError' ||
        reason === 'InvalidImageName' ||
        reason === 'ErrImageNeverPull'
      ) {
        earliest = Math.min(earliest, now + ERROR_RETRY_MS);
      }
    }
    if (earliest < Infinity) this.wakeIn(Math.max(0, earliest - now));
  }

  private wakeIn(ms: number): void {
    if (this.halted) return;
    const at = this.host.clock.now() + ms;
    if (this.wake && this.wakeAt <= at) return;
    this.wake?.cancel();
    this.wakeAt = at;
    this.wake = this.host.clock.setTimeout(() => {
      this.wake = undefined;
      this.wakeAt = Infinity;
      this.kick();
    }, ms);
  }

  /** What probes and hooks of a container reach: the pod's programs by port, commands in the container. */
  private probeTarget(instance: RuntimeContainer): ProbeTarget {
    const others = () => [...this.slots.values()].map((s) => s.instance?.running).filter((p) => p !== undefined);
    return {
      podIP: this.podIP ?? '',
      http: (port, path, headers) => {
        const request = { method: 'GET', path, headers, port, remoteAddress: this.host.nodeIP() };
        const own = instance.running?.http?.(request);
        if (own) return own;
        for (const program of others()) {
          const answer = program.http?.(request);
          if (answer) return answer;
        }
        return undefined;
      },
      listens: (port) => others().some((p) => p.listens?.(port) === true),
      exec: (command) => {
        if (instance.state !== 'running') return undefined;
        try {
          const process = instance.exec(command, { stdin: false, tty: false });
          return { output: collect(process.stdout, process.stderr, process.exited), abort: process.abort };
        } catch (error) {
          if (error instanceof ExecError)
            return { output: Promise.resolve({ code: 126, output: error.message }), abort: () => undefined };
          throw error;
        }
      },
    };
  }
}

function instanceOf(c: RuntimeContainer): ContainerInstance {
  return {
    id: c.id,
    state: c.state,
    image: c.config.image.name,
    imageID: c.config.image.repoDigest,
    attempt: c.config.attempt,
    startedAt: c.startedAt,
    finishedAt: c.finishedAt,
    exitCode: c.exitCode,
    reason: c.reason,
    message: c.message,
  };
}

function quantityValue(raw: string, milli: boolean): number | undefined {
  try {
    return milli ? Quantity.parse(raw).milliValue() : Quantity.parse(raw).value();
  } catch {
    return undefined;
  }
}

/** The message of an ended container: its termination-log file, or the end of its log when policy says so. */
function terminationMessage(spec: Container, instance: RuntimeContainer): string | undefined {
  const path = spec.terminationMessagePath ?? '/dev/termination-log';
  const written = instance.config.fs.read(path);
  if (written) return written.slice(0, TERMINATION_MESSAGE_MAX);
  if (spec.terminationMessagePolicy === 'FallbackToLogsOnError' && instance.exitCode !== 0) {
    const lines = instance.log
      .all()
      .slice(-80)
      .map((l) => (l.newline ? `${l.text}\n` : l.text));
    const text = lines.join('');
    return text.length > 2048 ? text.slice(text.length - 2048) : text || undefined;
  }
  return undefined;
}

/** Everything a process writes (stdout and stderr together) until it exits, with its exit code. */
async function collect(
  stdout: Readable,
  stderr: Readable | undefined,
  exited: Promise<number>,
): Promise<{ code: number; output: string }> {
  let output = '';
  const append = (chunk: Buffer | string) => {
    output += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  };
  stdout.on('data', append);
  stderr?.on('data', append);
  const code = await exited;
  return { code, output };
}
