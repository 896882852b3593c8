// hostPath volumes: a file or directory of the node's root filesystem, mounted into the pod's containers as the
// same files (writes from the pod land on the node). The type is checked as kubelet's hostPath plugin does:
// DirectoryOrCreate and FileOrCreate make what is missing, Directory, File and Socket must exist as that; the empty
// type checks nothing (containerd creates a missing directory). `path: /` mounts the node's root itself.

import type { ContainerFilesystem } from '../images/program.ts';
import { normalizePath } from '../runtime/container-filesystem.ts';
import type { VolumePlugin } from './volume-plugins.ts';

/** The part of a filesystem below `root`, as a filesystem of its own. */
class SubtreeFilesystem implements ContainerFilesystem {
  constructor(
    private readonly base: ContainerFilesystem,
    private readonly root: string,
  ) {}

  private at(path: string): string {
    const p = normalizePath(path);
    return p === '/' ? this.root : `${this.root}${p}`;
  }

  read(path: string): string | undefined {
    return this.base.read(this.at(path));
  }

  write(path: string, content: string): void {
    this.base.write(this.at(path), content);
  }

  remove(path: string): boolean {
    return normalizePath(path) !== '/' && this.base.remove(this.at(path));
  }

  list(path: string): string[] | undefined {
    return this.base.list(this.at(path));
  }

  isDirectory(path: string): boolean {
    return this.base.isDirectory(this.at(path));
  }

  mkdir(path: string): void {
    this.base.mkdir(this.at(path));
  }
}

/** The error kubelet's type check gives, or undefined when the path is what the type asks for (made if it may be). */
function checkType(root: ContainerFilesystem, path: string, type: string): string | undefined {
  const isDirectory = root.isDirectory(path);
  const isFile = !isDirectory && root.read(path) !== undefined;
  switch (type) {
    case '':
    case 'DirectoryOrCreate':
      if (!isDirectory && !isFile) root.mkdir(path);
      return undefined;
    case 'FileOrCreate':
      if (!isDirectory && !isFile) root.write(path, '');
      return undefined;
    case 'Directory':
      return isDirectory ? undefined : `hostPath type check failed: ${path} is not a directory`;
    case 'File':
      return isFile ? undefined : `hostPath type check failed: ${path} is not a file`;
    case 'Socket':
      return isFile ? undefined : `hostPath type check failed: ${path} is not a socket file`;
    default:
      return isDirectory || isFile ? undefined : `hostPath type check failed: ${path} does not exist`;
  }
}

/** hostPath volumes on the node whose root filesystem `root` is (made when a pod first mounts one). */
export function hostPathPlugin(root: () => ContainerFilesystem): VolumePlugin {
  return {
    handles: (volume) => volume.hostPath !== undefined,
    setUp: async (_pod, volume) => {
      const path = normalizePath(volume.hostPath!.path);
      const fs = root();
      const error = checkType(fs, path, volume.hostPath!.type ?? '');
      if (error !== undefined) throw new Error(error);
      return path === '/' ? fs : new SubtreeFilesystem(fs, path);
    },
  };
}
