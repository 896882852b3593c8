// nginx (on Debian bookworm and on Alpine) and httpd (on Debian bookworm): their entrypoints, configuration files and default pages.

import { curlCommand } from '../commands/curl.ts';
import { busyboxCommands, debianCommands, debianWithCurlCommands } from '../commands/userlands.ts';
import { alpineFiles, commonDirectories, debianFiles } from '../filesystems/base-files.ts';
import type { ImageDefinition } from '../program.ts';
import { httpdForeground } from '../servers/entrypoints.ts';
import { nginxEntrypoint, nginxEntrypointScripts } from '../servers/nginx/nginx-entrypoint.ts';
import { httpdCommand } from '../servers/httpd/httpd.ts';
import { httpdIndexPage } from '../servers/httpd/httpd-pages.ts';
import { nginxCommand } from '../servers/nginx/nginx.ts';
import { nginxErrorPage50x, nginxWelcomePage } from '../servers/nginx/nginx-pages.ts';
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

const mimeTypes = `types {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    application/javascript                           js;\n    application/json                                 json;\n    image/png                                        png;\n}\n`;

/** The userland an nginx image is built on, and what nginx reports it was built by. */
const nginxBases = {
  debian: { build: 'gcc 12.2.0 (Debian 12.2.0-14)', commands: debianWithCurlCommands, userland: 'gnu' as const },
  alpine: {
    build: 'gcc 14.2.0 (Alpine 14.2.0)',
    commands: { ...busyboxCommands, curl: curlCommand },
    userland: 'busybox' as const,
  },
};

function nginxImage(
  base: keyof typeof nginxBases,
  version: string,
  tags: string[],
  sizeBytes: number,
): ImageDefinition {
  const { build, commands: userlandCommands, userland } = nginxBases[base];
  const commands = {
    ...userlandCommands,
    nginx: nginxCommand(version, build),
    '/docker-entrypoint.sh': nginxEntrypoint(defaultConf),
  };
  const names = Object.keys(userlandCommands);
  return image({
    repository: 'nginx',
    tags,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: {
      PATH: defaultPath,
      NGINX_VERSION: version,
      NJS_VERSION: '0.8.10',
      NJS_RELEASE: base === 'debian' ? '1~bookworm' : '1',
      PKG_RELEASE: base === 'debian' ? '1~bookworm' : '1',
    },
    exposedPorts: [80],
    sizeBytes,
    files: {
      ...(base === 'debian' ? debianFiles(names) : alpineFiles(names, '3.21.3')),
      '/usr/sbin/nginx': '',
      '/docker-entrypoint.sh':
        '#!/bin/sh\n# vim:sw=4:ts=4:et\n# Runs the scripts of /docker-entrypoint.d/ when the command is nginx, then execs the command.\n',
      ...nginxEntrypointScripts,
      '/etc/nginx/nginx.conf': nginxConf,
      '/etc/nginx/conf.d/default.conf': defaultConf,
      '/etc/nginx/mime.types': mimeTypes,
      '/usr/share/nginx/html/index.html': nginxWelcomePage,
      '/usr/share/nginx/html/50x.html': nginxErrorPage50x,
    },
    directories: [...commonDirectories, '/docker-entrypoint.d', '/var/cache/nginx', '/var/log/nginx', '/run'],
    commands,
    userland,
  });
}

const httpdConf = `ServerRoot "/usr/local/apache2"
Listen 80
LoadModule mpm_event_module modules/mod_mpm_event.so
LoadModule autoindex_module modules/mod_autoindex.so
LoadModule dir_module modules/mod_dir.so
User www-data
Group www-data
ServerAdmin you@example.com
DocumentRoot "/usr/local/apache2/htdocs"
<Directory "/usr/local/apache2/htdocs">
    Options Indexes FollowSymLinks
    AllowOverride None
    Require all granted
</Directory>
<IfModule dir_module>
    DirectoryIndex index.html
</IfModule>
ErrorLog /proc/self/fd/2
LogLevel warn
CustomLog /proc/self/fd/1 common
`;

function httpdImage(version: string, tags: string[], sizeBytes: number): ImageDefinition {
  const commands = { ...debianCommands, httpd: httpdCommand(version), 'httpd-foreground': httpdForeground };
  return image({
    repository: 'httpd',
    tags,
    entrypoint: [],
    cmd: ['httpd-foreground'],
    workingDir: '/usr/local/apache2',
    env: { PATH: `/usr/local/apache2/bin:${defaultPath}`, HTTPD_PREFIX: '/usr/local/apache2', HTTPD_VERSION: version },
    exposedPorts: [80],
    sizeBytes,
    files: {
      ...debianFiles(Object.keys(debianCommands)),
      '/usr/local/apache2/bin/httpd': '',
      '/usr/local/bin/httpd-foreground':
        '#!/bin/sh\nset -e\n\n# Apache gets grumpy about PID files pre-existing\nrm -f /usr/local/apache2/logs/httpd.pid\n\nexec httpd -DFOREGROUND "$@"\n',
      '/usr/local/apache2/conf/httpd.conf': httpdConf,
      '/usr/local/apache2/htdocs/index.html': httpdIndexPage,
    },
    directories: [...commonDirectories, '/usr/local/apache2/logs'],
    commands,
    userland: 'gnu',
  });
}

export const webImages: ImageDefinition[] = [
  nginxImage('debian', '1.27.5', ['1.27', '1.27.5', '1.27-bookworm'], 72_195_292),
  nginxImage('debian', '1.28.0', ['1.28', '1.28.0', 'stable', 'latest', '1.28-bookworm'], 72_225_394),
  nginxImage('alpine', '1.27.5', ['1.27-alpine', '1.27.5-alpine'], 20_602_571),
  nginxImage('alpine', '1.28.0', ['1.28-alpine', '1.28.0-alpine', 'stable-alpine', 'alpine'], 20_743_120),
  httpdImage('2.4.63', ['2.4', '2.4.63', 'latest'], 58_102_844),
];
