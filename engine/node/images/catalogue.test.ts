import { describe, expect, it } from 'vitest';
import { allImages, findImage } from './catalogue.ts';

describe('findImage', () => {
  it.each([
    ['nginx', 'nginx', 'latest'],
    ['nginx:1.28', 'nginx', '1.28'],
    ['nginx:1.27', 'nginx', '1.27'],
    ['nginx:alpine', 'nginx', 'alpine'],
    ['nginx:1.14.2', 'nginx', '1.14.2'],
    ['nginx:1.16.1', 'nginx', '1.16.1'],
    ['docker.io/library/nginx:latest', 'nginx', 'latest'],
    ['index.docker.io/library/nginx:1.28.0', 'nginx', '1.28.0'],
    ['library/httpd', 'httpd', 'latest'],
    ['busybox:1.36', 'busybox', '1.36'],
    ['busybox:1.28', 'busybox', '1.28'],
    ['registry.k8s.io/busybox', 'registry.k8s.io/busybox', 'latest'],
    ['registry.k8s.io/goproxy:0.1', 'registry.k8s.io/goproxy', '0.1'],
    ['alpine:3.21', 'alpine', '3.21'],
    ['redis:7.4', 'redis', '7.4'],
    ['postgres:17', 'postgres', '17'],
    ['kubelab/crasher', 'kubelab/crasher', 'latest'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause', '3.10'],
    ['registry.k8s.io/coredns/coredns:v1.11.3', 'registry.k8s.io/coredns/coredns', 'v1.11.3'],
    ['registry.k8s.io/kube-proxy:v1.32.4', 'registry.k8s.io/kube-proxy', 'v1.32.4'],
    ['registry.k8s.io/etcd:3.5.16-0', 'registry.k8s.io/etcd', '3.5.16-0'],
    ['registry.k8s.io/kube-apiserver:v1.32.4', 'registry.k8s.io/kube-apiserver', 'v1.32.4'],
    ['registry.k8s.io/kube-controller-manager:v1.32.0', 'registry.k8s.io/kube-controller-manager', 'v1.32.0'],
    ['registry.k8s.io/kube-scheduler:v1.32.2', 'registry.k8s.io/kube-scheduler', 'v1.32.2'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.52', 'registry.k8s.io/e2e-test-images/agnhost', '2.52'],
  ])('%s names %s at tag %s', (reference, repository, tag) => {
    const image = findImage(reference);
    expect(image?.repository).toBe(repository);
    expect(image?.tags).toContain(tag);
  });

  it.each([
    ['an unknown repository', 'nosuchimage'],
    ['an unknown tag', 'nginx:0.1'],
    ['the documentation’s mistyped tag', 'nginx:1.161'],
    ['a repository on another registry', 'quay.io/nginx:latest'],
    ['a repository without latest', 'registry.k8s.io/etcd'],
    ['uppercase letters', 'Nginx'],
    ['an empty tag', 'nginx:'],
    ['a malformed digest', 'nginx@sha256:abc'],
    ['an unknown digest', `nginx@sha256:${'0'.repeat(64)}`],
  ])('finds nothing for %s (%s)', (_case, reference) => {
    expect(findImage(reference)).toBeUndefined();
  });

  it('finds an image by its digest, with or without a tag', () => {
    const image = findImage('nginx:1.28')!;
    expect(image.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(findImage(`nginx@${image.digest}`)).toBe(image);
    expect(findImage(`docker.io/library/nginx:1.27@${image.digest}`)).toBe(image);
    expect(findImage(`httpd@${image.digest}`)).toBeUndefined();
  });

  it('gives every tag of a version the same image', () => {
    expect(findImage('nginx:1.28')).toBe(findImage('nginx:latest'));
    expect(findImage('nginx:1.28')).not.toBe(findImage('nginx:1.27'));
  });
});

describe('allImages', () => {
  it('has distinct digests and no tag twice in a repository', () => {
    const digests = allImages.map((image) => image.digest);
    expect(new Set(digests).size).toBe(allImages.length);
    const names = allImages.flatMap((image) => image.tags.map((tag) => `${image.repository}:${tag}`));
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(allImages.map((image) => [`${image.repository}:${image.tags[0]}`, image] as const))(
    '%s can run its own entrypoint or command and has a size',
    (_name, image) => {
      const command = image.entrypoint[0] ?? image.cmd[0];
      expect(command).toBeDefined();
      expect(image.program.has?.(command!)).toBe(true);
      expect(image.sizeBytes).toBeGreaterThan(0);
    },
  );

  it('shells exist where the real images have one', () => {
    expect(findImage('busybox')!.program.has?.('sh')).toBe(true);
    expect(findImage('nginx')!.program.has?.('bash')).toBe(true);
    expect(findImage('registry.k8s.io/pause:3.10')!.program.has?.('sh')).toBe(false);
    expect(findImage('registry.k8s.io/coredns/coredns:v1.11.3')!.program.has?.('/bin/sh')).toBe(false);
  });
});
