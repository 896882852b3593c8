// The images of a kubeadm cluster's system pods: the pause image every sandbox runs, CoreDNS, kube-proxy, and the
// control-plane components the control-plane node runs as static pods. They are distroless: no shell, only their
// binary (so `kubectl exec … -- sh` fails as it does on a real cluster).

import type { Command } from '../process/command.ts';
import type { ImageDefinition } from '../program.ts';
import { corednsCommand } from '../servers/coredns.ts';
import {
  etcdCommand,
  kubeApiserverCommand,
  kubeControllerManagerCommand,
  kubeProxyCommand,
  kubeSchedulerCommand,
} from '../servers/control-plane.ts';
import { pauseProgram } from '../servers/pause.ts';
import { defaultPath, image, imageWithProgram } from './image-builder.ts';

const distrolessDirectories = ['/etc', '/tmp', '/var', '/home/nonroot', '/root'];
const distrolessFiles = {
  '/etc/passwd':
    'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n',
  '/etc/group': 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n',
  '/etc/os-release':
    'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\nVERSION="Debian GNU/Linux 12 (bookworm)"\nHOME_URL="https://github.com/GoogleContainerTools/distroless"\n',
};

/** A distroless image whose only program is `binary` at `path`, run by name or by path. */
function distroless(spec: {
  repository: string;
  tag: string;
  path: string;
  command: Command;
  entrypoint?: string[];
  sizeBytes: number;
  exposedPorts?: number[];
}): ImageDefinition {
  const name = spec.path.slice(spec.path.lastIndexOf('/') + 1);
  return image({
    repository: spec.repository,
    tags: [spec.tag],
    entrypoint: spec.entrypoint ?? [],
    cmd: spec.entrypoint ? [] : [spec.path],
    exposedPorts: spec.exposedPorts,
    sizeBytes: spec.sizeBytes,
    files: { ...distrolessFiles, [spec.path]: '' },
    directories: distrolessDirectories,
    commands: { [name]: spec.command },
    userland: 'gnu',
  });
}

const kubernetesVersions = ['v1.32.0', 'v1.32.1', 'v1.32.2', 'v1.32.3', 'v1.32.4'];

const components: { name: string; command: (version: string) => Command; sizeBytes: number }[] = [
  { name: 'kube-apiserver', command: kubeApiserverCommand, sizeBytes: 28_671_624 },
  { name: 'kube-controller-manager', command: kubeControllerManagerCommand, sizeBytes: 26_259_392 },
  { name: 'kube-scheduler', command: kubeSchedulerCommand, sizeBytes: 20_657_536 },
  { name: 'kube-proxy', command: kubeProxyCommand, sizeBytes: 30_910_056 },
];

export const systemImages: ImageDefinition[] = [
  ...[
    { tag: '3.9', sizeBytes: 321_520 },
    { tag: '3.10', sizeBytes: 320_368 },
  ].map(({ tag, sizeBytes }) =>
    imageWithProgram({
      repository: 'registry.k8s.io/pause',
      tags: [tag],
      entrypoint: ['/pause'],
      cmd: [],
      env: { PATH: defaultPath },
      workingDir: '/',
      exposedPorts: [],
      sizeBytes,
      files: { ...distrolessFiles, '/pause': '' },
      directories: distrolessDirectories,
      program: pauseProgram,
    }),
  ),
  ...[
    { tag: 'v1.11.1', sizeBytes: 18_182_961 },
    { tag: 'v1.11.3', sizeBytes: 18_562_039 },
    { tag: 'v1.12.0', sizeBytes: 20_939_036 },
  ].map(({ tag, sizeBytes }) =>
    distroless({
      repository: 'registry.k8s.io/coredns/coredns',
      tag,
      path: '/coredns',
      command: corednsCommand(tag.slice(1)),
      entrypoint: ['/coredns'],
      sizeBytes,
      exposedPorts: [53, 9153],
    }),
  ),
  ...[
    { tag: '3.5.15-0', sizeBytes: 56_909_194 },
    { tag: '3.5.16-0', sizeBytes: 57_680_541 },
  ].map(({ tag, sizeBytes }) =>
    distroless({
      repository: 'registry.k8s.io/etcd',
      tag,
      path: '/usr/local/bin/etcd',
      command: etcdCommand(tag.replace(/-\d+$/, '')),
      sizeBytes,
      exposedPorts: [2379, 2380],
    }),
  ),
  ...components.flatMap(({ name, command, sizeBytes }) =>
    kubernetesVersions.map((version) =>
      distroless({
        repository: `registry.k8s.io/${name}`,
        tag: version,
        path: `/usr/local/bin/${name}`,
        command: command(version),
        sizeBytes,
      }),
    ),
  ),
];
