// The simulated container runtime of one node (containerd behind the CRI, with its CNI plugin): pod sandboxes whose
// network the node's network plugin sets up, images pulled into the node's image store, and containers running the
// images' programs in their sandbox's network. Everything takes lab time as RuntimeTimings say; the kubelet hears of
// containers that end.

import type { Clock } from '../../lab/clock.ts';
import type { ClusterServices, RunningProgram } from '../images/program.ts';
import type { NodeAccess } from '../images/node-access.ts';
import { CriListing } from './cri-listing.ts';
import { HostLocalNetwork } from './host-local-network.ts';
import { IdGenerator } from './ids.ts';
import { ImageStore } from './image-store.ts';
import type { ImageLookup } from './image-store.ts';
import { labDelay } from './lab-delay.ts';
import type { PodNetworkPlugin, PortMapping, SandboxNetworkRequest } from './pod-network.ts';
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
  /** The node's CNI plugin; host-local addresses without a data plane by default. */
  network?: PodNetworkPlugin;
  /** Cluster state the programs may serve from (CoreDNS's). */
  cluster?: ClusterServices;
}

export type SandboxConfig = Pick<
  PodSandbox,
  'podUid' | 'podNamespace' | 'podName' | 'hostNetwork' | 'etcFiles' | 'volumes'
> & { portMappings?: readonly PortMapping[] };

export class SandboxError extends Error {}

/** The programs running in a sandbox's containers (a generator of its own, not one per sandbox). */
function* runningPrograms(containers: ReadonlySet<RuntimeContainer>): Generator<RunningProgram> {
  for (const container of containers) if (container.running) yield container.running;
}

export class ContainerRuntime {
  readonly images: ImageStore;
  readonly network: PodNetworkPlugin;
  /** The sandboxes and containers the CRI lists (crictl pods, crictl ps). */
  readonly listing: CriListing;
  private readonly ids: IdGenerator;
  private readonly running = new Set<RuntimeContainer>();

  constructor(private readonly options: ContainerRuntimeOptions) {
    this.images = new ImageStore(options.clock, options.timings, options.images);
    this.ids = new IdGenerator(options.nodeName);
    this.network = options.network ?? new HostLocalNetwork(options.nodeIP);
    this.listing = new CriListing(options.clock, this.images);
  }

  /** The range pod IPs come from (the node's spec.podCIDR); the network is ready once there is one. */
  setPodCIDR(cidr: string | undefined): void {
    if (cidr !== undefined && cidr !== this.network.podCidr) this.network.configure(cidr);
  }

  get podCIDR(): string | undefined {
    return this.network.podCidr;
  }

  /** Whether pods outside the host network can get an address. */
  get networkReady(): boolean {
    return this.network.ready;
  }

  /** Sets up a pod sandbox: its pause container and its network (the plugin's ADD). */
  async runPodSandbox(config: SandboxConfig): Promise<PodSandbox> {
    const id = this.ids.next();
    const containers = new Set<RuntimeContainer>();
    const networkRequest: SandboxNetworkRequest = {
      sandboxId: id,
      podNamespace: config.podNamespace,
      podName: config.podName,
      podUid: config.podUid,
      hostNetwork: config.hostNetwork,
      etcFiles: config.etcFiles,
      portMappings: config.portMappings,
      listeners() {
        return runningPrograms(containers);
      },
    };
    let network;
    try {
      network = this.network.add(networkRequest);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new SandboxError(
        `rpc error: code = Unknown desc = failed to setup network for sandbox "${id}": ${message}`,
      );
    }
    await labDelay(this.options.clock, this.options.timings.sandboxStartMs);
    // Written out rather than spread, so that every sandbox shares one hidden class.
    const sandbox: PodSandbox = {
      id,
      podUid: config.podUid,
      podNamespace: config.podNamespace,
      podName: config.podName,
      ip: network.ip,
      hostNetwork: config.hostNetwork,
      ready: true,
      etcFiles: config.etcFiles,
      volumes: config.volumes,
      network,
      networkRequest,
      containers,
    };
    this.listing.sandboxCreated(sandbox);
    return sandbox;
  }

  /** The pod is gone: its sandboxes are removed (RemovePodSandbox), and the CRI lists them no more. */
  removePodSandboxes(podUid: string): void {
    this.listing.podRemoved(podUid);
  }

  /** Tears down a sandbox: its network goes (the plugin's DEL; the IP is free again). */
  stopPodSandbox(sandbox: PodSandbox): void {
    if (!sandbox.ready) return;
    sandbox.ready = false;
    this.network.del(sandbox.networkRequest);
  }

  /**
   * Creates and starts a container in the sandbox; `onExit` hears when it ends (its own exit, a stop, the OOM
   * killer), which may be at once when its command cannot start (StartError).
   */
  async startContainer(
    sandbox: PodSandbox,
    config: Omit<ContainerConfig, 'network' | 'cluster' | 'node'>,
    onExit: (container: RuntimeContainer) => void,
  ): Promise<RuntimeContainer> {
    await labDelay(this.options.clock, this.options.timings.containerStartMs);
    const network = sandbox.network.access(config.fs);
    const node: NodeAccess | undefined = sandbox.hostNetwork
      ? { network: sandbox.network.node, runtime: this.listing }
      : undefined;
    // Written out rather than spread: a spread followed by more properties gives every container a map of its own.
    const full: ContainerConfig = {
      name: config.name,
      attempt: config.attempt,
      image: config.image,
      argv: config.argv,
      env: config.env,
      workingDir: config.workingDir,
      hostname: config.hostname,
      tty: config.tty,
      stdin: config.stdin,
      fs: config.fs,
      memoryLimitBytes: config.memoryLimitBytes,
      cpuLimitMillis: config.cpuLimitMillis,
      network,
      cluster: this.options.cluster,
      node,
    };
    const container = new RuntimeContainer(this.ids.next(), full, this.options.clock, (c) => {
      this.running.delete(c);
      sandbox.containers.delete(c);
      onExit(c);
    });
    this.running.add(container);
    sandbox.containers.add(container);
    this.listing.containerCreated(sandbox, container);
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
