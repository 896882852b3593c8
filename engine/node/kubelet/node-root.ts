// A node's root filesystem: kind's node image (its system and tools, engine/node/images/definitions/node-image.ts)
// with the node's own /etc/hostname, /etc/hosts and /etc/resolv.conf, the network plugin's configuration
// (/etc/cni/net.d), its static pods' manifests in
// /etc/kubernetes/manifests, and a file per pod network namespace in /var/run/netns (and /run/netns, where it
// points); writes stay on the node. hostPath volumes mount parts of it, and
// chroot into it runs the node's commands.

import { stringify } from 'yaml';
import type { KubeObject } from '../../api/object.ts';
import { nodeCommands, nodeImage } from '../images/definitions/node-image.ts';
import { registerSystemRoot } from '../images/process/system-roots.ts';
import type { ContainerFilesystem } from '../images/program.ts';
import { OverlayFilesystem } from '../runtime/container-filesystem.ts';
import type { BoundFiles } from '../runtime/container-filesystem.ts';
import { nodeHostsFile, nodeResolvConf } from './pod-etc-files.ts';

const NETNS_DIRS = ['/run/netns/', '/var/run/netns/'];

export interface NodeRootOptions {
  name: string;
  ip: string;
  /** The pods' network namespaces now (containerd's files under /var/run/netns). */
  netns: () => readonly string[];
  /** The network plugin's files (/etc/cni/net.d/…, /run/flannel/subnet.env), as they are now. */
  networkFiles?: () => Record<string, string>;
  /** The static pods the kubelet runs from /etc/kubernetes/manifests. */
  staticPods?: readonly KubeObject[];
}

export function nodeRootFilesystem(node: NodeRootOptions): ContainerFilesystem {
  const etc = new Map([
    ['/etc/hostname', `${node.name}\n`],
    ['/etc/hosts', nodeHostsFile(node.ip, node.name)],
    ['/etc/resolv.conf', nodeResolvConf()],
    ...(node.staticPods ?? []).map((pod): [string, string] => [
      `/etc/kubernetes/manifests/${pod.metadata.name ?? ''}.yaml`,
      stringify(pod, { lineWidth: 0 }),
    ]),
  ]);
  const bound: BoundFiles = {
    get: (path) => {
      const dir = NETNS_DIRS.find((prefix) => path.startsWith(prefix));
      if (dir === undefined) return etc.get(path) ?? node.networkFiles?.()[path];
      return node.netns().includes(path.slice(dir.length)) ? '' : undefined;
    },
    keys: () => [
      ...etc.keys(),
      ...Object.keys(node.networkFiles?.() ?? {}),
      ...node.netns().flatMap((name) => NETNS_DIRS.map((dir) => dir + name)),
    ],
  };
  const fs = new OverlayFilesystem(nodeImage, bound, []);
  registerSystemRoot(fs, { commands: new Map(Object.entries(nodeCommands)), userland: 'gnu' });
  return fs;
}
