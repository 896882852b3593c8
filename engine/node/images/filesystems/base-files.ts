// The files of the base systems images are built on — busybox, Alpine, Debian bookworm — as data: account files,
// os-release, and an empty file per command in its PATH directory (so that ls, which and PATH lookups see them).
// /etc/hostname, /etc/hosts and /etc/resolv.conf are written by the runtime and the kubelet.

import { binaryPath } from '../commands/userlands.ts';

export const commonDirectories = [
  '/bin',
  '/dev',
  '/etc',
  '/home',
  '/proc',
  '/root',
  '/sys',
  '/tmp',
  '/usr/bin',
  '/usr/sbin',
  '/var',
  '/var/tmp',
];

function binaries(names: string[], userland: 'busybox' | 'gnu'): Record<string, string> {
  return Object.fromEntries(names.map((name) => [binaryPath(name, userland), '']));
}

export function busyboxFiles(commands: string[]): Record<string, string> {
  return {
    ...binaries(commands, 'busybox'),
    '/bin/busybox': '',
    '/etc/passwd':
      'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
    '/etc/group':
      'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nkmem:x:9:\nwheel:x:10:root\ncdrom:x:11:\ndialout:x:18:\nfloppy:x:19:\nvideo:x:28:\naudio:x:29:\ntape:x:32:\nwww-data:x:33:\noperator:x:37:\nutmp:x:43:\nplugdev:x:46:\nstaff:x:50:\nlock:x:54:\nnetdev:x:82:\nusers:x:100:\nnobody:x:65534:\n',
    '/etc/nsswitch.conf': 'hosts: files dns\n',
  };
}

export function alpineFiles(commands: string[], version: string): Record<string, string> {
  const minor = version.split('.').slice(0, 2).join('.');
  return {
    ...busyboxFiles(commands),
    '/etc/alpine-release': `${version}\n`,
    '/etc/os-release': `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${version}\nPRETTY_NAME="Alpine Linux v${minor}"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n`,
    '/etc/passwd':
      'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nlp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\nsync:x:5:0:sync:/sbin:/bin/sync\nshutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\nhalt:x:7:0:halt:/sbin:/sbin/halt\nmail:x:8:12:mail:/var/mail:/sbin/nologin\nnews:x:9:13:news:/usr/lib/news:/sbin/nologin\noperator:x:11:0:operator:/root:/sbin/nologin\nftp:x:21:21::/var/lib/ftp:/sbin/nologin\nsshd:x:22:22:sshd:/dev/null:/sbin/nologin\nguest:x:405:100:guest:/dev/null:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n',
    '/etc/group':
      'root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nsys:x:3:root,bin\nadm:x:4:root,daemon\ntty:x:5:\ndisk:x:6:root\nlp:x:7:lp\nkmem:x:9:\nwheel:x:10:root\nfloppy:x:11:root\nmail:x:12:mail\nnews:x:13:news\nuucp:x:14:uucp\ncron:x:16:cron\nconsole:x:17:\naudio:x:18:\ncdrom:x:19:\ndialout:x:20:root\nftp:x:21:\nsshd:x:22:\ninput:x:23:\ntape:x:26:root\nvideo:x:27:root\nnetdev:x:28:\nkvm:x:34:kvm\ngames:x:35:\nshadow:x:42:\nwww-data:x:82:\nusers:x:100:games\nping:x:999:\nnogroup:x:65533:\nnobody:x:65534:\n',
  };
}

/** The Debian releases images are built on: bookworm today, stretch and buster under old nginx tags. */
const debianReleases = {
  stretch: { version: '9.13', id: '9' },
  buster: { version: '10.3', id: '10' },
  bookworm: { version: '12.10', id: '12' },
};

export function debianFiles(
  commands: string[],
  release: keyof typeof debianReleases = 'bookworm',
): Record<string, string> {
  const { version, id } = debianReleases[release];
  return {
    ...binaries(commands, 'gnu'),
    '/etc/debian_version': `${version}\n`,
    '/etc/os-release': `PRETTY_NAME="Debian GNU/Linux ${id} (${release})"\nNAME="Debian GNU/Linux"\nVERSION_ID="${id}"\nVERSION="${id} (${release})"\nVERSION_CODENAME=${release}\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n`,
    '/etc/passwd':
      'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nsync:x:4:65534:sync:/bin:/bin/sync\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
    '/etc/group':
      'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nmail:x:8:\nwww-data:x:33:\nstaff:x:50:\nusers:x:100:\nnogroup:x:65534:\n',
    '/root/.bashrc':
      "# ~/.bashrc: executed by bash(1) for non-login shells.\n\n# export LS_OPTIONS='--color=auto'\n# alias ls='ls $LS_OPTIONS'\n",
  };
}
