// nginx: the current images (Debian bookworm and Alpine, with /docker-entrypoint.sh and its scripts) and the images
// before 1.19 that the Kubernetes documentation's Deployment examples use (nginx:1.14.2, nginx:1.16.1 — Debian
// stretch and buster, no entrypoint script, one worker, an error log at "warn" so that nothing is logged at start).

import { curlCommand } from '../commands/curl.ts';
import { busyboxCommands, debianCommands, debianWithCurlCommands } from '../commands/userlands.ts';
import type { Command, Userland } from '../process/command.ts';
import { alpineFiles, commonDirectories, debianFiles } from '../filesystems/base-files.ts';
import type { ImageDefinition } from '../program.ts';
import { nginxEntrypoint, nginxEntrypointScripts } from '../servers/nginx/nginx-entrypoint.ts';
import { nginxCommand } from '../servers/nginx/nginx.ts';
import { nginxErrorPage50x, nginxLegacyWelcomePage, nginxWelcomePage } from '../servers/nginx/nginx-pages.ts';
import { defaultPath, image } from './image-builder.ts';

const nginxConf = `user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

const defaultConf = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const legacyNginxConf = `user  nginx;
worker_processes  1;

error_log  /var/log/nginx/error.log warn;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

const legacyDefaultConf = `server {
    listen       80;
    server_name  localhost;

    #charset koi8-r;
    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const mimeTypes = `types {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    application/javascript                           js;\n    application/json                                 json;\n    image/png                                        png;\n}\n`;

interface NginxBase {
  /** What nginx says it was built by. */
  build: string;
  commands: Record<string, Command>;
  userland: Userland;
  files: (commands: string[]) => Record<string, string>;
  /** PKG_RELEASE and NJS_RELEASE. */
  release: string;
}

const bases: Record<'bookworm' | 'alpine' | 'stretch' | 'buster', NginxBase> = {
  bookworm: {
    build: 'gcc 12.2.0 (Debian 12.2.0-14)',
    commands: debianWithCurlCommands,
    userland: 'gnu',
    files: (commands) => debianFiles(commands),
    release: '1~bookworm',
  },
  alpine: {
    build: 'gcc 14.2.0 (Alpine 14.2.0)',
    commands: { ...busyboxCommands, curl: curlCommand },
    userland: 'busybox',
    files: (commands) => alpineFiles(commands, '3.21.3'),
    release: '1',
  },
  stretch: {
    build: 'gcc 6.3.0 20170516 (Debian 6.3.0-18+deb9u1)',
    commands: debianCommands,
    userland: 'gnu',
    files: (commands) => debianFiles(commands, 'stretch'),
    release: '1~stretch',
  },
  buster: {
    build: 'gcc 8.3.0 (Debian 8.3.0-6)',
    commands: debianCommands,
    userland: 'gnu',
    files: (commands) => debianFiles(commands, 'buster'),
    release: '1~buster',
  },
};

function nginxImage(baseName: keyof typeof bases, version: string, tags: string[], sizeBytes: number): ImageDefinition {
  const base = bases[baseName];
  const legacy = baseName === 'stretch' || baseName === 'buster';
  const names = Object.keys(base.commands);
  const commands: Record<string, Command> = { ...base.commands, nginx: nginxCommand(version, base.build) };
  if (!legacy) commands['/docker-entrypoint.sh'] = nginxEntrypoint(defaultConf);
  return image({
    repository: 'nginx',
    tags,
    entrypoint: legacy ? [] : ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: {
      PATH: defaultPath,
      NGINX_VERSION: version,
      ...(legacy ? {} : { NJS_VERSION: '0.8.10', NJS_RELEASE: base.release }),
      PKG_RELEASE: base.release,
    },
    exposedPorts: [80],
    sizeBytes,
    files: {
      ...base.files(names),
      '/usr/sbin/nginx': '',
      ...(legacy
        ? {}
        : {
            '/docker-entrypoint.sh':
              '#!/bin/sh\n# vim:sw=4:ts=4:et\n# Runs the scripts of /docker-entrypoint.d/ when the command is nginx, then execs the command.\n',
            ...nginxEntrypointScripts,
          }),
      '/etc/nginx/nginx.conf': legacy ? legacyNginxConf : nginxConf,
      '/etc/nginx/conf.d/default.conf': legacy ? legacyDefaultConf : defaultConf,
      '/etc/nginx/mime.types': mimeTypes,
      '/usr/share/nginx/html/index.html': legacy ? nginxLegacyWelcomePage : nginxWelcomePage,
      '/usr/share/nginx/html/50x.html': nginxErrorPage50x,
    },
    directories: [
      ...commonDirectories,
      ...(legacy ? [] : ['/docker-entrypoint.d']),
      '/var/cache/nginx',
      '/var/log/nginx',
      '/run',
    ],
    commands,
    userland: base.userland,
  });
}

export const nginxImages: ImageDefinition[] = [
  nginxImage('stretch', '1.14.2', ['1.14', '1.14.2'], 44_710_204),
  nginxImage('buster', '1.16.1', ['1.16', '1.16.1'], 51_029_462),
  nginxImage('bookworm', '1.27.5', ['1.27', '1.27.5', '1.27-bookworm'], 72_195_292),
  nginxImage('bookworm', '1.28.0', ['1.28', '1.28.0', 'stable', 'latest', '1.28-bookworm'], 72_225_394),
  nginxImage('alpine', '1.27.5', ['1.27-alpine', '1.27.5-alpine'], 20_602_571),
  nginxImage('alpine', '1.28.0', ['1.28-alpine', '1.28.0-alpine', 'stable-alpine', 'alpine'], 20_743_120),
];
