// Making a container's image present before it starts, as kubelet's image manager (EnsureImageExists): the pull
// policy decides (Always pulls, IfNotPresent pulls when missing, Never never does), a failed pull backs off
// (10 s doubling to 5 min per pod and image), and every step is an event — Pulling, Pulled, Failed, BackOff,
// ErrImageNeverPull — with upstream's messages.

import type { KubeObject } from '../../api/object.ts';
import type { Clock } from '../../lab/clock.ts';
import { parseImageReference } from '../runtime/image-reference.ts';
import type { ImageStore, StoredImage } from '../runtime/image-store.ts';
import { Backoff } from './backoff.ts';
import { goDurationMillis } from './go-duration.ts';
import type { KubeletEvents } from './kubelet-events.ts';
import type { Container } from './pod-types.ts';

export type EnsureImageResult = { ok: true; image: StoredImage } | { ok: false; reason: string; message: string };

const BACKOFF_INITIAL_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;

export class ImageManager {
  private readonly backoff = new Backoff(BACKOFF_INITIAL_MS, BACKOFF_MAX_MS);
  /** The last pull error per back-off key, shown while backing off. */
  private readonly lastPullError = new Map<string, string>();

  constructor(
    private readonly images: ImageStore,
    private readonly clock: Clock,
    private readonly events: KubeletEvents,
  ) {}

  /** When the pull back-off of a pod's image ends (to retry then), if it is backing off. */
  backoffExpiry(pod: KubeObject, image: string): number | undefined {
    const key = `${pod.metadata.uid}_${image}`;
    const last = this.backoff.lastUpdate(key);
    return last === undefined ? undefined : this.backoff.expiry(key, last);
  }

  /** Forgets the back-offs of a pod that is gone. */
  forgetPod(uid: string, containers: readonly Container[]): void {
    for (const c of containers) {
      const key = `${uid}_${c.image ?? ''}`;
      this.backoff.reset(key);
      this.lastPullError.delete(key);
    }
  }

  async ensure(pod: KubeObject, container: Container, fieldPath: string): Promise<EnsureImageResult> {
    const image = container.image ?? '';
    const event = (type: 'Normal' | 'Warning', reason: string, message: string) =>
      this.events.pod(pod, type, reason, message, fieldPath);
    const ref = parseImageReference(image);
    if (!ref) {
      const message = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
      event('Warning', 'InspectFailed', message);
      return { ok: false, reason: 'InvalidImageName', message };
    }
    const policy = container.imagePullPolicy ?? 'IfNotPresent';
    const present = this.images.present(ref);
    if (policy !== 'Always') {
      if (present) {
        event('Normal', 'Pulled', `Container image "${image}" already present on machine`);
        return { ok: true, image: present };
      }
      if (policy === 'Never') {
        const message = `Container image "${image}" is not present with pull policy of Never`;
        event('Warning', 'ErrImageNeverPull', message);
        return { ok: false, reason: 'ErrImageNeverPull', message };
      }
    }
    const key = `${pod.metadata.uid}_${image}`;
    if (this.backoff.isInBackOffSinceUpdate(key, this.clock.now())) {
      let message = `Back-off pulling image "${image}"`;
      event('Normal', 'BackOff', message);
      const previous = this.lastPullError.get(key);
      if (previous) message = `${message}: ${previous}`;
      return { ok: false, reason: 'ImagePullBackOff', message };
    }
    event('Normal', 'Pulling', `Pulling image "${image}"`);
    const result = await this.images.pull(ref);
    if (!result.ok) {
      event('Warning', 'Failed', `Failed to pull image "${image}": ${result.error}`);
      this.backoff.next(key, this.clock.now());
      this.lastPullError.set(key, `ErrImagePull: ${result.error}`);
      return { ok: false, reason: 'ErrImagePull', message: result.error };
    }
    this.lastPullError.delete(key);
    event(
      'Normal',
      'Pulled',
      `Successfully pulled image "${image}" in ${goDurationMillis(result.pullMs)} (${goDurationMillis(result.totalMs)} including waiting). Image size: ${result.image.sizeBytes} bytes.`,
    );
    this.backoff.gc(this.clock.now());
    return { ok: true, image: result.image };
  }
}
