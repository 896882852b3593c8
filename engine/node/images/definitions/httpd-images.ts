// httpd on Debian bookworm: httpd-foreground, its configuration and its default page.

import { debianCommands } from '../commands/userlands.ts';
import { commonDirectories, debianFiles } from '../filesystems/base-files.ts';
import type { ImageDefinition } from '../program.ts';
import { httpdForeground } from '../servers/entrypoints.ts';
import { httpdCommand } from '../servers/httpd/httpd.ts';
import { httpdIndexPage } from '../servers/httpd/httpd-pages.ts';
import { defaultPath, image } from './image-builder.ts';

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

export const httpdImages: ImageDefinition[] = [httpdImage('2.4.63', ['2.4', '2.4.63', 'latest'], 58_102_844)];
