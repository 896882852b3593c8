// redis and postgres, on Debian bookworm: their docker-entrypoint.sh, servers and environment.

import { debianCommands } from '../commands/userlands.ts';
import { commonDirectories, debianFiles } from '../filesystems/base-files.ts';
import type { ImageDefinition } from '../program.ts';
import { passThroughEntrypoint } from '../servers/entrypoints.ts';
import { postgresCommand, postgresEntrypoint } from '../servers/postgres.ts';
import { redisServerCommand } from '../servers/redis.ts';
import { defaultPath, image } from './image-builder.ts';

const debianBase = debianFiles(Object.keys(debianCommands));

function redisImage(version: string, tags: string[], sizeBytes: number): ImageDefinition {
  return image({
    repository: 'redis',
    tags,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    workingDir: '/data',
    env: { PATH: defaultPath, GOSU_VERSION: '1.17', REDIS_VERSION: version },
    exposedPorts: [6379],
    sizeBytes,
    files: { ...debianBase, '/usr/local/bin/redis-server': '', '/usr/local/bin/docker-entrypoint.sh': '' },
    directories: [...commonDirectories, '/data'],
    commands: {
      ...debianCommands,
      'redis-server': redisServerCommand(version),
      'docker-entrypoint.sh': passThroughEntrypoint,
    },
    userland: 'gnu',
  });
}

function postgresImage(version: string, debianRelease: string, tags: string[], sizeBytes: number): ImageDefinition {
  const major = version.split('.')[0]!;
  return image({
    repository: 'postgres',
    tags,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    env: {
      PATH: `${defaultPath}:/usr/lib/postgresql/${major}/bin`,
      GOSU_VERSION: '1.17',
      LANG: 'en_US.utf8',
      PG_MAJOR: major,
      PG_VERSION: debianRelease,
      PGDATA: '/var/lib/postgresql/data',
    },
    exposedPorts: [5432],
    sizeBytes,
    files: {
      ...debianBase,
      [`/usr/lib/postgresql/${major}/bin/postgres`]: '',
      '/usr/local/bin/docker-entrypoint.sh': '',
    },
    directories: [
      ...commonDirectories,
      '/var/lib/postgresql/data',
      '/var/run/postgresql',
      '/docker-entrypoint-initdb.d',
    ],
    commands: {
      ...debianCommands,
      postgres: postgresCommand(`${version} (Debian ${debianRelease})`),
      'docker-entrypoint.sh': postgresEntrypoint(major),
    },
    userland: 'gnu',
  });
}

export const dataImages: ImageDefinition[] = [
  redisImage('7.2.7', ['7.2', '7.2.7', '7.2-bookworm'], 40_012_116),
  redisImage('7.4.2', ['7.4', '7.4.2', '7', 'latest', '7.4-bookworm'], 45_318_734),
  postgresImage('16.8', '16.8-1.pgdg120+1', ['16', '16.8', '16-bookworm'], 152_602_431),
  postgresImage('17.4', '17.4-1.pgdg120+2', ['17', '17.4', 'latest', '17-bookworm'], 157_694_012),
];
