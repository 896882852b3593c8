// busybox and alpine: a busybox userland with ash as sh, CMD ["sh"] (or /bin/sh). busybox:1.28 and
// registry.k8s.io/busybox are the ones the Kubernetes documentation's examples run.

import { busyboxCommands } from '../commands/userlands.ts';
import { alpineFiles, busyboxFiles, commonDirectories } from '../filesystems/base-files.ts';
import type { ImageDefinition } from '../program.ts';
import { image } from './image-builder.ts';

const names = Object.keys(busyboxCommands);
const busybox = busyboxFiles(names);

export const baseImages: ImageDefinition[] = [
  ...[
    { repository: 'busybox', tags: ['1.28', '1.28.4'], sizeBytes: 727_869 },
    { repository: 'busybox', tags: ['1.36', '1.36.1'], sizeBytes: 2_160_406 },
    { repository: 'busybox', tags: ['1.37', '1.37.0', 'latest'], sizeBytes: 2_155_779 },
    { repository: 'registry.k8s.io/busybox', tags: ['latest', '1.27.2'], sizeBytes: 1_144_547 },
  ].map(({ repository, tags, sizeBytes }) =>
    image({
      repository,
      tags,
      entrypoint: [],
      cmd: ['sh'],
      sizeBytes,
      files: busybox,
      directories: commonDirectories,
      commands: busyboxCommands,
      userland: 'busybox',
    }),
  ),
  ...[
    { tags: ['3.20', '3.20.6'], version: '3.20.6', sizeBytes: 3_626_898 },
    { tags: ['3.21', '3.21.3', 'latest'], version: '3.21.3', sizeBytes: 3_642_271 },
  ].map(({ tags, version, sizeBytes }) =>
    image({
      repository: 'alpine',
      tags,
      entrypoint: [],
      cmd: ['/bin/sh'],
      sizeBytes,
      files: alpineFiles(names, version),
      directories: [...commonDirectories, '/lib', '/media', '/mnt', '/opt', '/srv', '/run'],
      commands: busyboxCommands,
      userland: 'busybox',
    }),
  ),
];
