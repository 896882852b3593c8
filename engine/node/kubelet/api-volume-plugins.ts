// The kubelet's own volume plugins for volumes filled from the API: configMap, secret, downwardAPI and projected
// (those three plus a serviceAccountToken from the TokenRequest API — the kube-api-access volume every pod gets).
// Each key or item becomes a file, written once when the pod's sandbox is set up; a missing ConfigMap, Secret or key
// fails the mount with upstream's message unless the source is optional.

import type { KubeObject } from '../../api/object.ts';
import { MemoryFilesystem } from '../runtime/container-filesystem.ts';
import { metadataField } from './downward-api.ts';
import type { Volume } from './pod-types.ts';
import type { VolumePlugin } from './volume-plugins.ts';

/** What the plugins read from the API. */
export interface VolumeSources {
  configMap(namespace: string, name: string): Promise<KubeObject | undefined>;
  secret(namespace: string, name: string): Promise<KubeObject | undefined>;
  /** A bound token for the pod's ServiceAccount (TokenRequest). */
  serviceAccountToken(pod: KubeObject, audience: string | undefined, expirationSeconds: number): Promise<string>;
}

interface KeyToPath {
  key: string;
  path: string;
}

interface ObjectSource {
  name?: string;
  items?: KeyToPath[];
  optional?: boolean;
}

interface DownwardItem {
  path: string;
  fieldRef?: { fieldPath: string };
}

interface ProjectionSource {
  configMap?: ObjectSource;
  secret?: ObjectSource;
  downwardAPI?: { items?: DownwardItem[] };
  serviceAccountToken?: { audience?: string; expirationSeconds?: number; path: string };
}

const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

function decode(value: unknown): string {
  return typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : '';
}

function keysOf(obj: KubeObject, secret: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((obj['data'] ?? {}) as Record<string, unknown>)) {
    out[k] = secret ? decode(v) : String(v);
  }
  if (!secret)
    for (const [k, v] of Object.entries((obj['binaryData'] ?? {}) as Record<string, unknown>)) out[k] = decode(v);
  return out;
}

async function writeObject(
  fs: MemoryFilesystem,
  pod: KubeObject,
  source: ObjectSource,
  secret: boolean,
  sources: VolumeSources,
): Promise<void> {
  const namespace = pod.metadata.namespace ?? 'default';
  const name = source.name ?? '';
  const obj = secret ? await sources.secret(namespace, name) : await sources.configMap(namespace, name);
  if (!obj) {
    if (source.optional) return;
    throw new Error(`${secret ? 'secret' : 'configmap'} "${name}" not found`);
  }
  const data = keysOf(obj, secret);
  if (!source.items?.length) {
    for (const [key, value] of Object.entries(data)) fs.write(`/${key}`, value);
    return;
  }
  for (const item of source.items) {
    const value = data[item.key];
    if (value === undefined) {
      if (source.optional) continue;
      throw new Error(
        secret
          ? `references non-existent secret key: ${item.key}`
          : `configmap references non-existent config key: ${item.key}`,
      );
    }
    fs.write(`/${item.path}`, value);
  }
}

function writeDownward(fs: MemoryFilesystem, pod: KubeObject, items: readonly DownwardItem[]): void {
  for (const item of items) {
    if (item.fieldRef) fs.write(`/${item.path}`, metadataField(pod, item.fieldRef.fieldPath) ?? '');
  }
}

function plugin(
  handles: (volume: Volume) => boolean,
  fill: (fs: MemoryFilesystem, pod: KubeObject, volume: Volume) => Promise<void>,
): VolumePlugin {
  return {
    handles,
    setUp: async (pod, volume) => {
      const fs = new MemoryFilesystem();
      await fill(fs, pod, volume);
      return fs;
    },
  };
}

export function apiVolumePlugins(sources: VolumeSources): VolumePlugin[] {
  return [
    plugin(
      (v) => v['configMap'] !== undefined,
      (fs, pod, v) => writeObject(fs, pod, v['configMap'] as ObjectSource, false, sources),
    ),
    plugin(
      (v) => v['secret'] !== undefined,
      (fs, pod, v) => {
        const source = v['secret'] as ObjectSource & { secretName?: string };
        return writeObject(fs, pod, { ...source, name: source.secretName }, true, sources);
      },
    ),
    plugin(
      (v) => v['downwardAPI'] !== undefined,
      async (fs, pod, v) => writeDownward(fs, pod, (v['downwardAPI'] as { items?: DownwardItem[] }).items ?? []),
    ),
    plugin(
      (v) => v['projected'] !== undefined,
      async (fs, pod, v) => {
        for (const source of (v['projected'] as { sources?: ProjectionSource[] }).sources ?? []) {
          if (source.configMap) await writeObject(fs, pod, source.configMap, false, sources);
          else if (source.secret) await writeObject(fs, pod, source.secret, true, sources);
          else if (source.downwardAPI) writeDownward(fs, pod, source.downwardAPI.items ?? []);
          else if (source.serviceAccountToken) {
            const { audience, expirationSeconds, path } = source.serviceAccountToken;
            const token = await sources.serviceAccountToken(
              pod,
              audience,
              expirationSeconds ?? DEFAULT_TOKEN_EXPIRATION_SECONDS,
            );
            fs.write(`/${path}`, token);
          }
        }
      },
    ),
  ];
}
