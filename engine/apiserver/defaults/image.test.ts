import { describe, expect, it } from 'vitest';
import { defaultPullPolicy, imageTag } from './image.ts';

describe('image pull policy defaults', () => {
  it.each([
    ['an image without a tag pulls Always', 'nginx', 'Always'],
    ['an image tagged latest pulls Always', 'nginx:latest', 'Always'],
    ['an image with a version tag pulls IfNotPresent', 'nginx:1.27', 'IfNotPresent'],
    ['a registry port is not a tag', 'localhost:5000/app', 'Always'],
    ['a digest without tag pulls IfNotPresent', `busybox@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    ['an invalid reference pulls IfNotPresent', 'Nginx', 'IfNotPresent'],
  ])('%s', (_name, image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  it('reads the tag of a reference with a registry and a path', () => {
    expect(imageTag('registry.k8s.io/pause:3.10')).toBe('3.10');
  });
});
