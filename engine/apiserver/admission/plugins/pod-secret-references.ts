// Which Secrets a pod refers to, as ServiceAccount admission checks them (pkg/api/pod VisitPodSecretNames and the
// mountable-secrets rules of plugin/pkg/admission/serviceaccount): whether a pod names any Secret at all (mirror
// pods may not), and the first reference a ServiceAccount that enforces mountable secrets does not allow.

import { record, records, str } from '../../validation/access.ts';
import type { Json } from '../../validation/access.ts';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

/** Volume sources that name a Secret in a `secretRef` (the in-tree plugins with credentials). */
const SECRET_REF_SOURCES = ['cephfs', 'cinder', 'flexVolume', 'rbd', 'scaleIO', 'iscsi', 'storageos'];

/** Whether a pod refers to any Secret: pull secrets, container env, or a volume (VisitPodSecretNames). */
export function podReferencesSecrets(spec: Json): boolean {
  if (records(spec.imagePullSecrets).length > 0) return true;
  for (const containers of CONTAINER_LISTS) {
    for (const container of records(spec[containers])) {
      if (records(container.envFrom).some((from) => record(from.secretRef))) return true;
      if (records(container.env).some((env) => record(record(env.valueFrom)?.secretKeyRef))) return true;
    }
  }
  return records(spec.volumes).some(volumeReferencesSecret);
}

function volumeReferencesSecret(volume: Json): boolean {
  if (record(volume.secret)) return true;
  if (str(record(volume.azureFile)?.secretName) !== '') return true;
  if (record(record(volume.csi)?.nodePublishSecretRef)) return true;
  if (records(record(volume.projected)?.sources).some((source) => record(source.secret))) return true;
  return SECRET_REF_SOURCES.some((source) => record(record(volume[source])?.secretRef));
}

/**
 * Why a pod may not use its Secrets under a ServiceAccount that enforces mountable secrets: a secret volume, an
 * env or envFrom Secret of an init container or container, or a pull secret the ServiceAccount does not list.
 * Undefined when every reference is allowed.
 */
export function disallowedSecretReference(serviceAccount: Json, spec: Json): string | undefined {
  const saName = str(record(serviceAccount.metadata)?.name);
  const mountable = new Set(records(serviceAccount.secrets).map((ref) => str(ref.name)));
  for (const volume of records(spec.volumes)) {
    const secret = record(volume.secret);
    if (secret && !mountable.has(str(secret.secretName))) {
      return `volume with secret.secretName="${str(secret.secretName)}" is not allowed because service account ${saName} does not reference that secret`;
    }
  }
  for (const [containers, what] of [
    ['initContainers', 'init container'],
    ['containers', 'container'],
  ] as const) {
    for (const container of records(spec[containers])) {
      const problem = containerSecretProblem(container, what, mountable, saName);
      if (problem) return problem;
    }
  }
  const pullSecrets = new Set(records(serviceAccount.imagePullSecrets).map((ref) => str(ref.name)));
  const refs = records(spec.imagePullSecrets);
  for (const [i, ref] of refs.entries()) {
    if (!pullSecrets.has(str(ref.name))) {
      return `imagePullSecrets[${i}].name="${str(ref.name)}" is not allowed because service account ${saName} does not reference that imagePullSecret`;
    }
  }
  return undefined;
}

/** The same rule for the ephemeral containers an `ephemeralcontainers` update brings (env and envFrom only). */
export function disallowedEphemeralSecretReference(serviceAccount: Json, spec: Json): string | undefined {
  const saName = str(record(serviceAccount.metadata)?.name);
  const mountable = new Set(records(serviceAccount.secrets).map((ref) => str(ref.name)));
  for (const container of records(spec.ephemeralContainers)) {
    const problem = containerSecretProblem(container, 'ephemeral container', mountable, saName);
    if (problem) return problem;
  }
  return undefined;
}

function containerSecretProblem(
  container: Json,
  what: string,
  mountable: ReadonlySet<string>,
  saName: string,
): string | undefined {
  const name = str(container.name);
  for (const env of records(container.env)) {
    const ref = record(record(env.valueFrom)?.secretKeyRef);
    if (ref && !mountable.has(str(ref.name))) {
      return `${what} ${name} with envVar ${str(env.name)} referencing secret.secretName="${str(ref.name)}" is not allowed because service account ${saName} does not reference that secret`;
    }
  }
  for (const from of records(container.envFrom)) {
    const ref = record(from.secretRef);
    if (ref && !mountable.has(str(ref.name))) {
      return `${what} ${name} with envFrom referencing secret.secretName="${str(ref.name)}" is not allowed because service account ${saName} does not reference that secret`;
    }
  }
  return undefined;
}
