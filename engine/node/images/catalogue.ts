// The catalogue of simulated images, as a registry answers for them: a reference (`nginx`, `nginx:1.28`,
// `docker.io/library/nginx:latest`, `registry.k8s.io/pause:3.10`, `nginx@sha256:…`) names an image when its
// repository has that tag or digest. References are normalised as containerd does: no registry means docker.io, a
// single path component on docker.io means library/, no tag means latest, and a digest wins over a tag.

import { baseImages } from './definitions/base-images.ts';
import { dataImages } from './definitions/data-images.ts';
import { labImages } from './definitions/lab-images.ts';
import { systemImages } from './definitions/system-images.ts';
import { httpdImages } from './definitions/httpd-images.ts';
import { nginxImages } from './definitions/nginx-images.ts';
import type { ImageDefinition } from './program.ts';

export const allImages: readonly ImageDefinition[] = [
  ...baseImages,
  ...nginxImages,
  ...httpdImages,
  ...dataImages,
  ...labImages,
  ...systemImages,
];

const pathComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagPattern = /^\w[\w.-]{0,127}$/;
const digestPattern = /^sha256:[a-f0-9]{64}$/;

interface Reference {
  /** docker.io/library/nginx, registry.k8s.io/pause */
  repository: string;
  tag: string;
  digest?: string;
}

/** Parses a reference; undefined when it is not a valid one (uppercase, empty components, bad tag or digest). */
function parseReference(reference: string): Reference | undefined {
  let rest = reference;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestPattern.test(digest)) return undefined;
  }
  let tag = 'latest';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagPattern.test(tag)) return undefined;
  }
  const parts = rest.split('/');
  const first = parts[0]!;
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = hasRegistry ? parts.shift()! : 'docker.io';
  if (registry === 'index.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  if (!parts.every((part) => pathComponent.test(part))) return undefined;
  return { repository: `${registry}/${parts.join('/')}`, tag, digest };
}

const byRepository = new Map<string, ImageDefinition[]>();
for (const image of allImages) {
  const repository = parseReference(image.repository)?.repository ?? image.repository;
  byRepository.set(repository, [...(byRepository.get(repository) ?? []), image]);
}

/** The image a reference names, or undefined when the registry would answer "not found". */
export function findImage(reference: string): ImageDefinition | undefined {
  const parsed = parseReference(reference);
  if (!parsed) return undefined;
  const images = byRepository.get(parsed.repository) ?? [];
  if (parsed.digest) return images.find((image) => image.digest === parsed.digest);
  return images.find((image) => image.tags.includes(parsed.tag));
}
