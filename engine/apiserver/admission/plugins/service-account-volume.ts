// The ServiceAccount token volume (plugin/pkg/admission/serviceaccount TokenVolumeSource and
// mountServiceAccountToken): a projected `kube-api-access-<random>` volume with a bound token, the cluster's CA
// bundle and the pod's namespace, mounted read-only at the well-known path in every container and init container
// that does not mount something there already. Built exactly as upstream builds it, defaults included, so it reads
// back as `kubectl get pod -o yaml` shows it on a real cluster.

import { list, records, str } from '../../validation/access.ts';
import type { Json } from '../../validation/access.ts';

export const SERVICE_ACCOUNT_VOLUME_PREFIX = 'kube-api-access-';
export const DEFAULT_API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: an hour and seven seconds. */
export const TOKEN_EXPIRATION_SECONDS = 3607;
/** corev1.ProjectedVolumeSourceDefaultMode (0644), set explicitly as upstream does (kubernetes#104464). */
const DEFAULT_MODE = 0o644;

/** The projected volume source, fields in the order Go's encoder writes them. */
export function tokenVolumeSource(): Json {
  return {
    sources: [
      { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      {
        downwardAPI: {
          items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
        },
      },
    ],
    defaultMode: DEFAULT_MODE,
  };
}

/**
 * Mounts the token volume into every init container and container without a mount at the token path, and adds
 * the volume when one of them needed it. A pod that already has a `kube-api-access-` volume keeps it and its name.
 */
export function mountServiceAccountToken(spec: Json, generateName: (prefix: string) => string): void {
  const existing = records(spec.volumes)
    .map((volume) => str(volume.name))
    .find((name) => name.startsWith(SERVICE_ACCOUNT_VOLUME_PREFIX));
  const volumeName = existing ?? generateName(SERVICE_ACCOUNT_VOLUME_PREFIX);

  let needsTokenVolume = false;
  for (const containers of ['initContainers', 'containers']) {
    for (const container of records(spec[containers])) {
      if (records(container.volumeMounts).some((m) => str(m.mountPath) === DEFAULT_API_TOKEN_MOUNT_PATH)) continue;
      const mount = { name: volumeName, readOnly: true, mountPath: DEFAULT_API_TOKEN_MOUNT_PATH };
      container.volumeMounts = [...list(container.volumeMounts), mount];
      needsTokenVolume = true;
    }
  }
  if (existing === undefined && needsTokenVolume) {
    spec.volumes = [...list(spec.volumes), { name: volumeName, projected: tokenVolumeSource() }];
  }
}
