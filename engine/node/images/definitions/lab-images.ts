// Images for labs: kubelab/crasher (exits with an error a few seconds after it starts: CrashLoopBackOff) and
// polinux/stress (the stress tool of the Kubernetes docs' memory example: kubectl top, OOMKilled), on busybox and Alpine
// so that `kubectl exec` has a shell; goproxy (the docs' TCP probe example, built from scratch: no shell); agnhost,
// Kubernetes' e2e test image (the docs' HTTP probe example runs its liveness server).

import { busyboxCommands } from '../commands/userlands.ts';
import { alpineFiles, busyboxFiles, commonDirectories } from '../filesystems/base-files.ts';
import type { ImageDefinition } from '../program.ts';
import { agnhostCommand } from '../servers/agnhost.ts';
import { goproxyCommand } from '../servers/goproxy.ts';
import { crasherCommand, stressCommand } from '../servers/lab-programs.ts';
import { image } from './image-builder.ts';

const names = Object.keys(busyboxCommands);

export const labImages: ImageDefinition[] = [
  image({
    repository: 'kubelab/crasher',
    tags: ['1.0', 'latest'],
    entrypoint: ['/crasher'],
    cmd: [],
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', CRASH_AFTER_SECONDS: '5' },
    sizeBytes: 2_201_032,
    files: { ...busyboxFiles(names), '/crasher': '' },
    directories: commonDirectories,
    commands: { ...busyboxCommands, '/crasher': crasherCommand },
    userland: 'busybox',
  }),
  image({
    repository: 'polinux/stress',
    tags: ['1.0.4', 'latest'],
    entrypoint: [],
    cmd: ['stress', '--help'],
    sizeBytes: 4_041_495,
    files: { ...alpineFiles(names, '3.7.0'), '/usr/local/bin/stress': '' },
    directories: commonDirectories,
    commands: { ...busyboxCommands, stress: stressCommand },
    userland: 'busybox',
  }),
  image({
    repository: 'registry.k8s.io/goproxy',
    tags: ['0.1'],
    entrypoint: ['/goproxy'],
    cmd: [],
    exposedPorts: [8080],
    sizeBytes: 2_494_028,
    files: { '/goproxy': '' },
    commands: { '/goproxy': goproxyCommand },
    userland: 'gnu',
  }),
  ...[
    { tag: '2.40', sizeBytes: 51_250_412 },
    { tag: '2.52', sizeBytes: 52_413_980 },
    { tag: '2.53', sizeBytes: 52_719_204 },
  ].map(({ tag, sizeBytes }) =>
    image({
      repository: 'registry.k8s.io/e2e-test-images/agnhost',
      tags: [tag],
      entrypoint: ['/agnhost'],
      cmd: ['pause'],
      exposedPorts: [80, 8080, 8081, 9376],
      sizeBytes,
      files: { ...alpineFiles(names, '3.20.6'), '/agnhost': '' },
      directories: commonDirectories,
      commands: { ...busyboxCommands, '/agnhost': agnhostCommand, agnhost: agnhostCommand },
      userland: 'busybox',
    }),
  ),
];
