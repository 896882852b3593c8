// The simulated container runtime of one node (containerd behind the CRI, with its CNI plugin): pod sandboxes with
// IP addresses from the node's pod CIDR, images pulled into the node's image store, and containers running the
// images' programs. Everything takes lab time as RuntimeTimings say; the kubelet hears of containers that end.

import type { Clock } from '../../lab/clock.ts';
import { IdGenerator } from './ids.ts';
import { ImageStore } from './image-store.ts';
import type { ImageLookup } from './image-store.ts';
import { IpAllocator } from './ip-allocator.ts';
import { labDelay } from './lab-delay.ts';
import type { PodSandbox } from './pod-sandbox.ts';
import { RuntimeContainer } from './runtime-container.ts';
import type { ContainerConfig } from './runtime-container.ts';
import type { RuntimeTimings } from './runtime-timings.ts';

export interface ContainerRuntimeOptions {
  clock: Clock;
  nodeName: string;
  nodeIP: string;
  timings: RuntimeTimings;
  images: ImageLookup;
}

export type SandboxConfig = Pick<PodSandbox, 'podUid' | 'hostNetwork' | 'etcFiles' | 'volumes'>;

export class SandboxError extends Error {}

export class ContainerRuntime {
  readonly images: ImageStore;
  private readonly ids: IdGenerator;
  private ips: IpAllocator | undefined;
  private cidr: string | undefined;
  private readonly running = new Set<RuntimeContainer>();

  constructor(private readonly options: ContainerRuntimeOptions) {
    this.images = new ImageStore(options.clock, options.timings, options.images);
    this.ids = new IdGenerator(options.nodeName);
  }

  /** The range pod IPs come from (the node's spec.podCIDR); the network is ready once there is one. */
  setPodCIDR(cidr: string | undefined): void {
    if (cidr === this.cidr) return;
    const allocator = cidr ? IpAllocator.forCidr(cidr) : undefined;
    if (cidr && !allocator) return;
    this.cidr = cidr;
    this.ips = allocator;
  }

  get podCIDR(): string | undefined {
    return this.cidr;
  }

  /** Whether pods outside the host network can get an address. */
  get networkReady(): boolean {
    return this.ips !== undefined;
  }

  /** Sets up a pod sandbox: its pause container and its network. */
  async runPodSandbox(config: SandboxConfig): Promise<PodSandbox> {
    const id = this.ids.next();
    let ip = this.options.nodeIP;
    if (!config.hostNetwork) {
      const allocated = this.ips?.allocate();
      if (!allocated) {
        throw new SandboxError(
          `rpc error: code = Unknown desc = failed to setup network for sandbox "${id}": plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${this.cidr ?? ''}`,
        );
      }
      ip = allocated;
    }
    await labDelay(this.options.clock, this.options.timings.sandboxStartMs);
    return { id, ip, ready: true, ...config };
  }

  /** Tears down a sandbox: its network goes (the IP is free again). */
  stopPodSandbox(sandbox: PodSandbox): void {
    if (!sandbox.ready) return;
    sandbox.ready = false;
    if (!sandbox.hostNetwork) this.ips?.release(sandbox.ip);
  }

  /**
   * Creates and starts a container; `onExit` hears when it ends (its own exit, a stop, the OOM killer), which may be
   * at once when its command cannot start (StartError).
   */
  async startContainer(
    config: ContainerConfig,
    onExit: (container: RuntimeContainer) => void,
  ): Promise<RuntimeContainer> {
    await labDelay(this.options.clock, this.options.timings.containerStartMs);
    const container = new RuntimeContainer(this.ids.next(), config, this.options.clock, (c) => {
      this.running.delete(c);
      onExit(c);
    });
    this.running.add(container);
    container.start();
    return container;
  }

  /** Containers running now. */
  runningContainers(): Iterable<RuntimeContainer> {
    return this.running;
  }

  /** The node went down: every container is gone, every sandbox with it. */
  loseAll(): void {
    for (const container of [...this.running]) container.lose();
  }
}
