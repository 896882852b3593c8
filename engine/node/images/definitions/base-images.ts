// busybox and alpine: a busybox userland with ash as sh, CMD ["sh"] (or /bin/sh).

import { busyboxCommands } from '../commands/userlands.ts';
import { alpineFiles, busyboxFiles, commonDirectories } from '../filesystems/base-files.ts';
import type { ImageDefinition } from '../program.ts';
import { image } from './image-builder.ts';

const names = Object.keys(busyboxCommands);
const busybox = busyboxFiles(names);

export const baseImages: ImageDefinition[] = [
  ...[
    { tags: ['1.36', '1.36.1'], sizeBytes: 2_160_406 },
    { tags: ['1.37', '1.37.0', 'latest'], sizeBytes: 2_155_779 },
  ].map(({ tags, sizeBytes }) =>
    image({
      repository: 'busybox',
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
