import { describe, expect, it } from 'vitest';
import { CriListing, imageIdOf } from './cri-listing.ts';
import type { StoredImage } from './image-store.ts';
import type { PodSandbox } from './pod-sandbox.ts';
import type { RuntimeContainer } from './runtime-container.ts';

const image = { name: 'docker.io/library/nginx:latest', repoDigest: 'docker.io/library/nginx@sha256:1' } as StoredImage;

function sandbox(id: string, podUid: string): PodSandbox {
  return { id, podUid, podName: 'web', podNamespace: 'default', ready: true } as PodSandbox;
}

function container(id: string, name: string, attempt: number, state: RuntimeContainer['state']): RuntimeContainer {
  return { id, name, state, createdAt: 0, config: { image, attempt } } as unknown as RuntimeContainer;
}

describe('the CRI listing', () => {
  it('counts a pod’s sandboxes as attempts, a new one replacing the one before', () => {
    let now = 1000;
    const listing = new CriListing({ now: () => now }, { list: () => [] });
    const first = sandbox('s1', 'u1');
    listing.sandboxCreated(first);
    first.ready = false;
    expect(listing.sandboxes()).toMatchObject([{ id: 's1', ready: false, attempt: 0, createdAt: 1000 }]);
    now = 2000;
    listing.sandboxCreated(sandbox('s2', 'u1'));
    listing.sandboxCreated(sandbox('s3', 'u2'));
    expect(listing.sandboxes().map((s) => [s.id, s.attempt])).toEqual([
      ['s2', 1],
      ['s3', 0],
    ]);
    listing.podRemoved('u1');
    expect(listing.sandboxes().map((s) => s.id)).toEqual(['s3']);
    expect(listing.netnsNames()).toEqual(['cni-s3000000-0000-0000-0000-000000000000']);
  });

  it('keeps of each container the newest instance and the one before, as kubelet’s container GC does', () => {
    const listing = new CriListing({ now: () => 0 }, { list: () => [image] });
    const pod = sandbox('s1', 'u1');
    listing.sandboxCreated(pod);
    for (let attempt = 0; attempt < 3; attempt++) {
      listing.containerCreated(pod, container(`c${attempt}`, 'app', attempt, attempt < 2 ? 'exited' : 'running'));
    }
    listing.containerCreated(pod, container('side', 'sidecar', 0, 'running'));
    expect(listing.containers().map((c) => [c.id, c.attempt, c.state])).toEqual([
      ['c1', 1, 'exited'],
      ['c2', 2, 'running'],
      ['side', 0, 'running'],
    ]);
    expect(listing.containers()[0]).toMatchObject({
      imageId: imageIdOf(image),
      imageName: 'docker.io/library/nginx:latest',
      podSandboxId: 's1',
      podName: 'web',
      podNamespace: 'default',
    });
    expect(imageIdOf(image)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(listing.images()).toEqual([{ name: image.name, id: imageIdOf(image), sizeBytes: image.sizeBytes }]);
  });
});
