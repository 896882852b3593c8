import { describe, expect, it } from 'vitest';
import { digestOf, normalizedName, parseImageReference, repoDigestOf } from './image-reference.ts';

describe('parseImageReference', () => {
  it.each([
    ['a bare name is an official Docker Hub image at latest', 'nginx', 'docker.io/library/nginx:latest'],
    ['a tag is kept', 'nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['a user repository stays under docker.io', 'bitnami/redis:7', 'docker.io/bitnami/redis:7'],
    ['a registry host is recognised by its dot', 'registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    ['a registry with a port keeps it', 'localhost:5000/app', 'localhost:5000/app:latest'],
    ['nested paths are kept', 'registry.k8s.io/coredns/coredns:v1.11.3', 'registry.k8s.io/coredns/coredns:v1.11.3'],
  ])('%s', (_name, raw, expected) => {
    const ref = parseImageReference(raw);
    expect(ref && normalizedName(ref)).toBe(expected);
  });

  it.each([
    ['uppercase letters', 'NGINX'],
    ['an empty name', ''],
    ['surrounding spaces', ' nginx'],
    ['a malformed digest', 'nginx@sha256:xyz'],
  ])('rejects %s', (_name, raw) => {
    expect(parseImageReference(raw)).toBeUndefined();
  });

  it('gives the same digest to the same image and another to another tag', () => {
    const a = parseImageReference('nginx')!;
    const b = parseImageReference('docker.io/library/nginx:latest')!;
    const c = parseImageReference('nginx:1.27')!;
    expect(digestOf(a)).toBe(digestOf(b));
    expect(digestOf(a)).not.toBe(digestOf(c));
    expect(repoDigestOf(a)).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  });

  it('names an image by its own digest when it has one', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    expect(repoDigestOf(parseImageReference('nginx:1.27')!, digest)).toBe(`docker.io/library/nginx@${digest}`);
  });
});
