// A node's own system, as kind's node image (kindest/node, Debian bookworm) has it: bash and coreutils, iproute2 (ip,
// bridge), iptables, ipvsadm, conntrack and crictl, and containerd's CRI socket and crictl's configuration. The
// kubelet lays a node's root filesystem out from it; `kubectl debug node/` mounts that at /host, and chroot /host
// runs these commands.

import { ipCommand } from '../commands/ip.ts';
import { nodeTools } from '../commands/node/node-tools.ts';
import { debianCommands } from '../commands/userlands.ts';
import { commonDirectories, debianFiles } from '../filesystems/base-files.ts';
import type { Command } from '../process/command.ts';
import type { ImageDefinition } from '../program.ts';
import { image } from './image-builder.ts';

export const nodeCommands: Record<string, Command> = { ...debianCommands, ...nodeTools, ip: ipCommand };

export const nodeImage: ImageDefinition = image({
  repository: 'docker.io/kindest/node',
  tags: ['v1.32.2'],
  entrypoint: ['/usr/local/bin/entrypoint', '/sbin/init'],
  cmd: [],
  sizeBytes: 446_214_000,
  files: {
    ...debianFiles(Object.keys(nodeCommands)),
    '/etc/crictl.yaml': 'runtime-endpoint: unix:///run/containerd/containerd.sock\n',
    '/run/containerd/containerd.sock': '',
    '/usr/bin/kubelet': '',
    '/usr/local/bin/containerd': '',
  },
  directories: [...commonDirectories, '/etc/kubernetes/manifests', '/var/lib/kubelet', '/var/log/pods'],
  commands: nodeCommands,
  userland: 'gnu',
});
