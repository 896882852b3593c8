// How a pod's volumes become filesystems in its containers. The kubelet mounts emptyDir itself (memory the pod's
// containers share, gone with the pod) and the volumes filled from the API (api-volume-plugins.ts); other types come
// from plugins the storage lab provides. A volume no plugin handles is mounted as an empty read-only directory, so
// containers start and see the mount point.

import type { KubeObject } from '../../api/object.ts';
import type { ContainerFilesystem } from '../images/program.ts';
import { MemoryFilesystem } from '../runtime/container-filesystem.ts';
import type { Volume } from './pod-types.ts';

export interface VolumePlugin {
  /** Whether this plugin sets up the volume. */
  handles(volume: Volume): boolean;
  /** The volume's filesystem for one pod (set up once, when the pod's sandbox is created). */
  setUp(pod: KubeObject, volume: Volume): Promise<ContainerFilesystem>;
}

export const emptyDirPlugin: VolumePlugin = {
  handles: (volume) => volume.emptyDir !== undefined,
  setUp: async () => new MemoryFilesystem(),
};

/** Shared by every volume no plugin handles: nothing in it, nothing can be written. */
export const EMPTY_VOLUME: ContainerFilesystem = {
  read: () => undefined,
  write: () => undefined,
  remove: () => false,
  list: (path) => (path === '/' || path === '' ? [] : undefined),
  isDirectory: (path) => path === '/' || path === '',
  mkdir: () => undefined,
};

/** A volume that could not be set up (FailedMount). */
export class MountError extends Error {
  constructor(
    readonly volume: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sets up every volume of the pod; throws a MountError for the first that fails. */
export async function setUpVolumes(
  pod: KubeObject,
  volumes: readonly Volume[],
  plugins: readonly VolumePlugin[],
): Promise<Map<string, ContainerFilesystem>> {
  const mounted = new Map<string, ContainerFilesystem>();
  for (const volume of volumes) {
    const plugin = plugins.find((p) => p.handles(volume));
    try {
      mounted.set(volume.name, plugin ? await plugin.setUp(pod, volume) : EMPTY_VOLUME);
    } catch (error) {
      throw new MountError(volume.name, error instanceof Error ? error.message : String(error));
    }
  }
  return mounted;
}
