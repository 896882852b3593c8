// Image references as containerd reads them (distribution's normalized names): "nginx" is
// docker.io/library/nginx:latest, "user/app" is docker.io/user/app:latest, a first component with a dot, a colon or
// "localhost" is a registry. Digests are stable per repository and tag, so an image has the same ID on every node.

import { createHash } from 'node:crypto';

export interface ImageReference {
  /** The reference as the pod spec wrote it. */
  raw: string;
  /** docker.io, registry.k8s.io… */
  domain: string;
  /** The repository within the registry (library/nginx, pause). */
  path: string;
  /** Absent when the reference names a digest only. */
  tag?: string;
  digest?: string;
}

const DEFAULT_DOMAIN = 'docker.io';

function isRegistry(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

/** Parses an image reference; undefined when it is not one (uppercase letters, empty parts…). */
export function parseImageReference(raw: string): ImageReference | undefined {
  let rest = raw.trim();
  if (rest === '' || rest !== raw) return undefined;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^[a-z0-9]+:[a-f0-9]{32,}$/.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return undefined;
  }
  const parts = rest.split('/');
  let domain = DEFAULT_DOMAIN;
  if (parts.length > 1 && isRegistry(parts[0]!)) domain = parts.shift()!;
  if (domain === DEFAULT_DOMAIN && parts.length === 1) parts.unshift('library');
  const path = parts.join('/');
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(path))
    return undefined;
  if (!tag && !digest) tag = 'latest';
  return { raw, domain, path, tag, digest };
}

/** docker.io/library/nginx */
export function repositoryOf(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

/** docker.io/library/nginx:latest (or the digest form when there is no tag). */
export function normalizedName(ref: ImageReference): string {
  if (ref.tag) return `${repositoryOf(ref)}:${ref.tag}`;
  return `${repositoryOf(ref)}@${ref.digest}`;
}

const digests = new Map<string, string>();

/** The repository digest of an image (sha256:…): stable for a repository and tag. */
export function digestOf(ref: ImageReference): string {
  if (ref.digest) return ref.digest;
  const key = normalizedName(ref);
  let digest = digests.get(key);
  if (!digest) {
    digest = `sha256:${createHash('sha256').update(`kubelab image ${key}`).digest('hex')}`;
    digests.set(key, digest);
  }
  return digest;
}

/** docker.io/library/nginx@sha256:… — the imageID kubelet reports; the image's own digest when it has one. */
export function repoDigestOf(ref: ImageReference, imageDigest?: string): string {
  return `${repositoryOf(ref)}@${imageDigest ?? digestOf(ref)}`;
}
