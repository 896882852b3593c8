// PostgreSQL's image: docker-entrypoint.sh refuses to initialise without POSTGRES_PASSWORD (the image's exact error),
// runs initdb once (PG_VERSION in PGDATA marks an initialised database, so a volume keeps it across restarts), then
// the postgres server logs its start, listens on 5432 and shuts down on SIGTERM.

import type { Command, CommandContext } from '../process/command.ts';
import { sleepFor } from '../process/command.ts';
import { daemon } from './daemon.ts';
import { postgresTime } from './log-time.ts';

const missingPassword = `Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
`;

function dataDirectory(context: CommandContext): string {
  return (context.env.PGDATA ?? '/var/lib/postgresql/data').replace(/\/$/, '');
}

/** docker-entrypoint.sh of the postgres image: initialises the database when needed, then runs the server. */
export function postgresEntrypoint(major: string): Command {
  return async (context) => {
    const args = context.argv.slice(1);
    if (args[0] !== 'postgres') return context.process.exec(args);
    const data = dataDirectory(context);
    const fs = context.system.fs;
    if (fs.read(`${data}/PG_VERSION`) === undefined) {
      const password = context.env.POSTGRES_PASSWORD ?? '';
      if (password === '' && context.env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
        await context.stderr.write(missingPassword);
        return 1;
      }
      const user = context.env.POSTGRES_USER ?? 'postgres';
      await context.stdout.write(initdbOutput(data));
      if (!(await sleepFor(context.system.clock, 2000, context.signal))) return 143;
      fs.mkdir(data);
      fs.write(`${data}/PG_VERSION`, `${major}\n`);
      const database = context.env.POSTGRES_DB ?? user;
      const created = database === 'postgres' ? '' : 'CREATE DATABASE\n\n';
      await context.stdout.write(
        `waiting for server to start.... done\nserver started\n${created}\n/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*\n\nwaiting for server to shut down.... done\nserver stopped\n\nPostgreSQL init process complete; ready for start up.\n\n`,
      );
    } else {
      await context.stdout.write(
        '\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n',
      );
    }
    return context.process.exec(args);
  };
}

function initdbOutput(data: string): string {
  return `The files belonging to this database system will be owned by user "postgres".
This user must also own the server process.

The database cluster will be initialized with locale "en_US.utf8".
The default database encoding has accordingly been set to "UTF8".
The default text search configuration will be set to "english".

Data page checksums are disabled.

fixing permissions on existing directory ${data} ... ok
creating subdirectories ... ok
selecting dynamic shared memory implementation ... posix
selecting default "max_connections" ... 100
selecting default "shared_buffers" ... 128MB
selecting default time zone ... Etc/UTC
creating configuration files ... ok
running bootstrap script ... ok
performing post-bootstrap initialization ... ok
syncing data to disk ... ok


Success. You can now start the database server using:

    pg_ctl -D ${data} -l logfile start

initdb: warning: enabling "trust" authentication for local connections
initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.
`;
}

/** The postgres server. */
export function postgresCommand(version: string): Command {
  return daemon((context) => {
    const log = (pid: number, text: string): string =>
      `${postgresTime(context.system.clock.now())} [${pid}] LOG:  ${text}\n`;
    return {
      startup: () => ({
        stderr:
          log(
            1,
            `starting PostgreSQL ${version} on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
          ) +
          log(1, 'listening on IPv4 address "0.0.0.0", port 5432') +
          log(1, 'listening on IPv6 address "::", port 5432') +
          log(1, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"') +
          log(62, `database system was shut down at ${postgresTime(context.system.clock.now() - 1000)}`) +
          log(1, 'database system is ready to accept connections'),
      }),
      ports: { 5432: undefined },
      usage: { cpuMillis: 3, memoryBytes: 21 * 1024 * 1024 },
      shutdown: () => ({
        stderr:
          log(1, 'received smart shutdown request') +
          log(1, 'background worker "logical replication launcher" (PID 68) exited with exit code 1') +
          log(60, 'shutting down') +
          log(60, 'checkpoint starting: shutdown immediate') +
          log(
            60,
            'checkpoint complete: wrote 3 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.002 s, sync=0.001 s, total=0.005 s; sync files=2, longest=0.001 s, average=0.001 s; distance=0 kB, estimate=0 kB; lsn=0/1A2B3C4, redo lsn=0/1A2B3C4',
          ) +
          log(1, 'database system is shut down'),
      }),
    };
  });
}
