import { describe, expect, it } from 'vitest';
import { startInImage } from '../testing/run-image.ts';

describe('redis', () => {
  it('logs its start-up banner and listens on 6379 (TCP, no HTTP)', async () => {
    const run = startInImage('redis:7.4', ['docker-entrypoint.sh', 'redis-server']);
    await run.settle();
    const lines = run.stdout().split('\n');
    expect(lines[1]).toBe('1:C 23 Nov 2026 10:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
    expect(lines[2]).toBe(
      '1:C 23 Nov 2026 10:00:00.000 * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started',
    );
    expect(lines).toContain('1:M 23 Nov 2026 10:00:00.000 * Ready to accept connections tcp');
    expect(run.running.listens?.(6379)).toBe(true);
    expect(run.running.http?.({ method: 'GET', path: '/', headers: {}, port: 6379 })).toBeUndefined();
    run.stop();
    expect(await run.running.exited).toBe(0);
    expect(run.stdout()).toContain('# Redis is now ready to exit, bye bye...\n');
  });
});

describe('postgres', () => {
  it('refuses to initialise without POSTGRES_PASSWORD, with exit code 1', async () => {
    const run = startInImage('postgres:17', ['docker-entrypoint.sh', 'postgres']);
    expect(await run.running.exited).toBe(1);
    expect(run.stderr()).toMatch(/^Error: Database is uninitialized and superuser password is not specified\.\n/);
  });

  it('initialises the database, then listens on 5432', async () => {
    const run = startInImage('postgres:17', ['docker-entrypoint.sh', 'postgres'], {
      env: { POSTGRES_PASSWORD: 'secret' },
    });
    await run.settle();
    expect(run.stdout()).toContain('fixing permissions on existing directory /var/lib/postgresql/data ... ok\n');
    expect(run.running.listens?.(5432)).toBe(false);
    run.clock.step(2_000);
    await run.settle();
    expect(run.stdout()).toContain('PostgreSQL init process complete; ready for start up.\n');
    expect(run.stderr()).toContain(
      '2026-11-23 10:00:02.000 UTC [1] LOG:  starting PostgreSQL 17.4 (Debian 17.4-1.pgdg120+2) on x86_64-pc-linux-gnu',
    );
    expect(run.stderr()).toContain('[1] LOG:  database system is ready to accept connections\n');
    expect(run.running.listens?.(5432)).toBe(true);
    expect(run.fs.read('/var/lib/postgresql/data/PG_VERSION')).toBe('17\n');
  });

  it('skips initialisation when the data directory holds a database', async () => {
    const run = startInImage('postgres:16', ['docker-entrypoint.sh', 'postgres'], {
      files: { '/var/lib/postgresql/data/PG_VERSION': '16\n' },
    });
    await run.settle();
    expect(run.stdout()).toContain(
      'PostgreSQL Database directory appears to contain a database; Skipping initialization',
    );
    expect(run.running.listens?.(5432)).toBe(true);
  });
});
