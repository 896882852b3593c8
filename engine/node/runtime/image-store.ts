// The images on one node, as containerd's image service keeps them: present images with their names, digests and
// sizes (the node status lists them), and pulls — one at a time, as kubelet's serialized puller does, each taking
// lab time in proportion to the image's size. A reference the catalogue does not know fails as a registry would
// answer it.

import type { Clock } from '../../lab/clock.ts';
import type { ImageDefinition } from '../images/program.ts';
import type { ImageReference } from './image-reference.ts';
import { normalizedName, parseImageReference, repoDigestOf, repositoryOf } from './image-reference.ts';
import { labDelay } from './lab-delay.ts';
import type { RuntimeTimings } from './runtime-timings.ts';

/** Finds the simulated image a reference names (the catalogue). */
export type ImageLookup = (image: string) => ImageDefinition | undefined;

export interface StoredImage {
  /** docker.io/library/nginx:latest */
  name: string;
  /** docker.io/library/nginx@sha256:… */
  repoDigest: string;
  sizeBytes: number;
  definition: ImageDefinition;
}

export type PullResult =
  { ok: true; image: StoredImage; pullMs: number; totalMs: number } | { ok: false; error: string };

/** The node status keeps the 50 largest images (kubelet's nodeStatusMaxImages). */
const NODE_STATUS_MAX_IMAGES = 50;

export class ImageStore {
  private readonly images = new Map<string, StoredImage>();
  /** The pull in progress; pulls queue behind it. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly timings: RuntimeTimings,
    private readonly lookup: ImageLookup,
  ) {}

  /** Calls `fn` whenever the set of images changes. */
  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  /** Makes images present without pulling (what a node image or `kubeadm config images pull` put there). */
  preload(references: readonly string[]): void {
    for (const raw of references) {
      const ref = parseImageReference(raw);
      const definition = ref && this.lookup(raw);
      if (ref && definition) this.store(ref, definition);
    }
  }

  present(ref: ImageReference): StoredImage | undefined {
    return this.images.get(normalizedName(ref));
  }

  /** Pulls an image; pulls run one after another, so a pull may wait for those before it. */
  pull(ref: ImageReference): Promise<PullResult> {
    const queued = this.clock.now();
    const result = this.queue.then(() => this.pullNow(ref, queued));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Every image present, by name (crictl images). */
  list(): StoredImage[] {
    return [...this.images.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** The images as the node status lists them: largest first, at most 50. */
  nodeStatusImages(): { names: string[]; sizeBytes: number }[] {
    return [...this.images.values()]
      .sort((a, b) => b.sizeBytes - a.sizeBytes)
      .slice(0, NODE_STATUS_MAX_IMAGES)
      .map((image) => ({ names: [image.repoDigest, image.name], sizeBytes: image.sizeBytes }));
  }

  private async pullNow(ref: ImageReference, queued: number): Promise<PullResult> {
    const started = this.clock.now();
    const definition = this.lookup(ref.raw);
    if (!definition) {
      await labDelay(this.clock, this.timings.pullFailureMs);
      return { ok: false, error: this.notFound(ref) };
    }
    const already = this.present(ref);
    const bytes = already ? 0 : definition.sizeBytes;
    await labDelay(this.clock, this.timings.pullLatencyMs + (bytes / this.timings.pullBytesPerSecond) * 1000);
    const image = already ?? this.store(ref, definition);
    const now = this.clock.now();
    return { ok: true, image, pullMs: now - started, totalMs: now - queued };
  }

  private store(ref: ImageReference, definition: ImageDefinition): StoredImage {
    const image: StoredImage = {
      name: normalizedName(ref),
      repoDigest: repoDigestOf(ref, definition.digest),
      sizeBytes: definition.sizeBytes,
      definition,
    };
    this.images.set(image.name, image);
    for (const fn of this.listeners) fn();
    return image;
  }

  /** containerd's answer for a reference the registry does not have (gRPC status text as kubelet receives it). */
  private notFound(ref: ImageReference): string {
    const name = normalizedName(ref);
    const prefix = `failed to pull and unpack image "${name}": failed to resolve reference "${name}"`;
    const repository = repositoryOf(ref);
    const knownRepository = this.lookup(repository) !== undefined || this.lookup(`${repository}:latest`) !== undefined;
    if (ref.domain === 'docker.io' && !knownRepository) {
      return `rpc error: code = Unknown desc = ${prefix}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
    }
    return `rpc error: code = NotFound desc = ${prefix}: ${name}: not found`;
  }
}
