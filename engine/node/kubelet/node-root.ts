// A node's root filesystem: kind's node image (its system and tools, engine/node/images/definitions/node-image.ts)
// with the node's own /etc/hostname, /etc/hosts and /etc/resolv.conf; writes stay on the node. hostPath volumes
// mount parts of it, and chroot into it runs the node's commands.

import { nodeCommands, nodeImage } from '../images/definitions/node-image.ts';
import { registerSystemRoot } from '../images/process/system-roots.ts';
import type { ContainerFilesystem } from '../images/program.ts';
import { OverlayFilesystem } from '../runtime/container-filesystem.ts';
import { nodeHostsFile, nodeResolvConf } from './pod-etc-files.ts';

export function nodeRootFilesystem(node: { name: string; ip: string }): ContainerFilesystem {
  const etc = new Map([
    ['/etc/hostname', `${node.name}\n`],
    ['/etc/hosts', nodeHostsFile(node.ip, node.name)],
    ['/etc/resolv.conf', nodeResolvConf()],
  ]);
  const fs = new OverlayFilesystem(nodeImage, etc, []);
  registerSystemRoot(fs, { commands: new Map(Object.entries(nodeCommands)), userland: 'gnu' });
  return fs;
}
