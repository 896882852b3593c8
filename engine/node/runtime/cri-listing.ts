// What the runtime's CRI lists (ListPodSandbox, ListContainers; crictl pods and ps): every sandbox with its creation
// time and attempt, NotReady once stopped, until the pod is gone or a newer sandbox replaced it; and per sandbox its
// containers, running and exited — of each container the instances kubelet's container GC keeps (the running one
// and the last that exited).

import { createHash } from 'node:crypto';
import type { CriContainer, CriImage, CriPodSandbox, RuntimeView } from '../images/node-access.ts';
import type { ImageStore, StoredImage } from './image-store.ts';
import { netnsNameOf } from './netns-path.ts';
import type { PodSandbox } from './pod-sandbox.ts';
import type { RuntimeContainer } from './runtime-container.ts';

interface Listed {
  sandbox: PodSandbox;
  createdAt: number;
  attempt: number;
  containers: RuntimeContainer[];
}

/** Instances of one container a sandbox keeps: the newest (maybe running) and the one before it. */
const KEPT_PER_CONTAINER = 2;

/** The image ID containerd reports: the digest of the image's config, derived here from its repo digest. */
export function imageIdOf(image: StoredImage): string {
  return `sha256:${createHash('sha256').update(`config ${image.repoDigest}`).digest('hex')}`;
}

export class CriListing implements RuntimeView {
  private readonly listed = new Map<string, Listed>();

  constructor(
    private readonly clock: { now(): number },
    private readonly store: Pick<ImageStore, 'list'>,
  ) {}

  /** A new sandbox of a pod: it replaces the pod's earlier ones, and counts one more attempt. */
  sandboxCreated(sandbox: PodSandbox): void {
    let attempt = 0;
    for (const [id, old] of this.listed) {
      if (old.sandbox.podUid !== sandbox.podUid) continue;
      attempt = Math.max(attempt, old.attempt + 1);
      this.listed.delete(id);
    }
    this.listed.set(sandbox.id, { sandbox, createdAt: this.clock.now(), attempt, containers: [] });
  }

  containerCreated(sandbox: PodSandbox, container: RuntimeContainer): void {
    const listed = this.listed.get(sandbox.id);
    if (listed === undefined) return;
    listed.containers.push(container);
    const same = listed.containers.filter((c) => c.name === container.name);
    const dropped = new Set(same.slice(0, Math.max(0, same.length - KEPT_PER_CONTAINER)));
    listed.containers = listed.containers.filter((c) => !dropped.has(c));
  }

  /** The pod is gone (RemovePodSandbox): its sandboxes and containers leave the listing. */
  podRemoved(podUid: string): void {
    for (const [id, listed] of this.listed) if (listed.sandbox.podUid === podUid) this.listed.delete(id);
  }

  /** The network namespaces of the ready sandboxes outside the host network, newest first (/var/run/netns). */
  netnsNames(): string[] {
    return [...this.listed.values()]
      .filter(({ sandbox }) => sandbox.ready && !sandbox.hostNetwork)
      .map(({ sandbox }) => netnsNameOf(sandbox.id))
      .reverse();
  }

  sandboxes(): CriPodSandbox[] {
    return [...this.listed.values()].map(({ sandbox, createdAt, attempt }) => ({
      id: sandbox.id,
      createdAt,
      ready: sandbox.ready,
      name: sandbox.podName,
      namespace: sandbox.podNamespace,
      uid: sandbox.podUid,
      attempt,
    }));
  }

  containers(): CriContainer[] {
    return [...this.listed.values()].flatMap(({ sandbox, containers }) =>
      containers.map((container) => ({
        id: container.id,
        imageId: imageIdOf(container.config.image),
        imageName: container.config.image.name,
        createdAt: container.createdAt,
        state: container.state,
        name: container.name,
        attempt: container.config.attempt,
        podSandboxId: sandbox.id,
        podName: sandbox.podName,
        podNamespace: sandbox.podNamespace,
        log: () => container.log.all(),
      })),
    );
  }

  images(): CriImage[] {
    return this.store.list().map((image) => ({ name: image.name, id: imageIdOf(image), sizeBytes: image.sizeBytes }));
  }
}
