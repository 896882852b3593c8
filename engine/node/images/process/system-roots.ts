// Filesystems that are the root of a system with programs of its own — a node's root filesystem, which a
// `kubectl debug node/` pod mounts at /host — so that chroot into one runs that system's commands.

import type { ContainerFilesystem } from '../program.ts';
import type { Userland } from './command.ts';
import type { CommandTable } from './container-system.ts';

export interface SystemRoot {
  commands: CommandTable;
  userland: Userland;
}

const roots = new WeakMap<ContainerFilesystem, SystemRoot>();

export function registerSystemRoot(fs: ContainerFilesystem, root: SystemRoot): void {
  roots.set(fs, root);
}

export function systemRootOf(fs: ContainerFilesystem): SystemRoot | undefined {
  return roots.get(fs);
}
