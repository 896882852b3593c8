import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../program.ts';
import { startInImage } from '../../testing/run-image.ts';

const nginxArgv = ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'];

function get(path: string, extra: Partial<HttpRequest> = {}): HttpRequest {
  return {
    method: 'GET',
    path,
    headers: { host: '10.244.1.5', 'user-agent': 'kube-probe/1.32' },
    port: 80,
    remoteAddress: '10.244.1.1',
    ...extra,
  };
}

async function startNginx(reference = 'nginx:1.28', files: Record<string, string> = {}) {
  const run = startInImage(reference, nginxArgv, { files });
  await run.settle();
  return run;
}

describe('nginx', () => {
  it('announces its entrypoint scripts on stdout and its start on stderr', async () => {
    const run = await startNginx();
    expect(run.stdout().split('\n').slice(0, 3)).toEqual([
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    ]);
    expect(run.stdout()).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(run.stderr()).toContain('2026/11/23 10:00:00 [notice] 1#1: nginx/1.28.0\n');
    expect(run.stderr()).toContain('[notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) \n');
    expect(run.stderr()).toContain('[notice] 1#1: start worker process 29\n');
  });

  it('says it was built on Alpine in the alpine image', async () => {
    const run = await startNginx('nginx:alpine');
    expect(run.stderr()).toContain('[notice] 1#1: built by gcc 14.2.0 (Alpine 14.2.0) \n');
  });

  it('listens on 80 and serves its welcome page', async () => {
    const run = await startNginx();
    expect(run.running.listens?.(80)).toBe(true);
    expect(run.running.listens?.(443)).toBe(false);
    const response = run.running.http?.(get('/'));
    expect(response?.status).toBe(200);
    expect(response?.body).toContain('<title>Welcome to nginx!</title>');
    expect(response?.headers).toMatchObject({ Server: 'nginx/1.28.0', 'Content-Type': 'text/html' });
  });

  it('writes an access log line in its main format on stdout', async () => {
    const run = await startNginx();
    const before = run.stdout();
    run.running.http?.(get('/'));
    await run.settle();
    const size = Buffer.byteLength(run.running.http?.(get('/'))?.body ?? '');
    expect(run.stdout().slice(before.length).split('\n')[0]).toBe(
      `10.244.1.1 - - [23/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 ${size} "-" "kube-probe/1.32" "-"`,
    );
  });

  it.each([
    [
      'a missing file',
      '/missing.html',
      404,
      'open() "/usr/share/nginx/html/missing.html" failed (2: No such file or directory)',
    ],
    ['a method it does not serve', '/', 405, undefined],
  ])('answers %s with its error page', async (_case, path, status, error) => {
    const run = await startNginx();
    const response = run.running.http?.(get(path, status === 405 ? { method: 'DELETE' } : {}));
    await run.settle();
    expect(response?.status).toBe(status);
    expect(response?.body).toContain(`<hr><center>nginx/1.28.0</center>`);
    if (error)
      expect(run.stderr()).toContain(
        `[error] 29#29: *1 ${error}, client: 10.244.1.1, server: localhost, request: "GET ${path} HTTP/1.1", host: "10.244.1.5"\n`,
      );
  });

  it('serves files from a volume mounted on the document root', async () => {
    const run = await startNginx('nginx:1.28', {
      '/usr/share/nginx/html/index.html': '<h1>from a ConfigMap</h1>\n',
      '/usr/share/nginx/html/data/app.json': '{}',
    });
    expect(run.running.http?.(get('/'))?.body).toBe('<h1>from a ConfigMap</h1>\n');
    expect(run.running.http?.(get('/data/app.json'))).toMatchObject({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(run.running.http?.(get('/data'))).toMatchObject({
      status: 301,
      headers: { Location: 'http://10.244.1.5/data/' },
    });
  });

  it('follows a custom server block from conf.d', async () => {
    const conf = 'server {\n  listen 8080;\n  location /healthz { return 200 "ok"; }\n  location / { root /srv; }\n}\n';
    const run = await startNginx('nginx:1.28', { '/etc/nginx/conf.d/default.conf': conf, '/srv/index.html': 'srv\n' });
    expect(run.running.listens?.(80)).toBe(false);
    expect(run.running.http?.(get('/healthz', { port: 8080 }))).toMatchObject({ status: 200, body: 'ok' });
    expect(run.running.http?.(get('/', { port: 8080 }))?.body).toBe('srv\n');
  });

  it('logs no access where access_log is off', async () => {
    const conf = 'server {\n  listen 80;\n  location /healthz { access_log off; return 200 "ok"; }\n}\n';
    const run = await startNginx('nginx:1.28', { '/etc/nginx/conf.d/default.conf': conf });
    const before = run.stdout();
    run.running.http?.(get('/healthz'));
    await run.settle();
    expect(run.stdout()).toBe(before);
    run.running.http?.(get('/other'));
    await run.settle();
    expect(run.stdout().slice(before.length)).toMatch(/"GET \/other HTTP\/1\.1" 404 /);
  });

  it('refuses to start with a broken configuration, as nginx: [emerg]', async () => {
    const run = startInImage('nginx:1.28', nginxArgv, {
      files: { '/etc/nginx/conf.d/default.conf': 'server {\n  listen 80;\n' },
    });
    expect(await run.running.exited).toBe(1);
    expect(run.stderr()).toContain(
      'nginx: [emerg] unexpected end of file, expecting ";" or "}" in /etc/nginx/conf.d/default.conf:3\n',
    );
  });

  it('shuts down gracefully when stopped (its STOPSIGNAL is SIGQUIT), with exit code 0', async () => {
    const run = await startNginx();
    run.stop();
    expect(await run.running.exited).toBe(0);
    expect(run.stderr()).toContain('[notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n');
    expect(run.stderr()).toContain('[notice] 29#29: gracefully shutting down\n');
    expect(run.stderr()).toMatch(/\[notice\] 1#1: exit\n$/);
  });

  it('reports little memory and no CPU when idle', async () => {
    const run = await startNginx();
    const usage = run.running.usage();
    expect(usage.cpuMillis).toBe(0);
    expect(usage.memoryBytes).toBeGreaterThan(2 * 1024 * 1024);
    expect(usage.memoryBytes).toBeLessThan(8 * 1024 * 1024);
  });

  it('before 1.19 has no entrypoint script, logs nothing at start and shows the 612-byte page', async () => {
    const run = startInImage('nginx:1.14.2', ['nginx', '-g', 'daemon off;']);
    await run.settle();
    expect(run.stdout()).toBe('');
    expect(run.stderr()).toBe('');
    const response = run.running.http?.(get('/'));
    expect(response?.headers).toMatchObject({ Server: 'nginx/1.14.2', 'Content-Length': '612' });
    run.running.http?.(get('/missing'));
    await run.settle();
    expect(run.stderr()).toMatch(
      /^2026\/11\/23 10:00:00 \[error\] 29#29: \*2 open\(\) "\/usr\/share\/nginx\/html\/missing" failed/,
    );
    run.stop();
    expect(await run.running.exited).toBe(0);
    expect(run.stderr().split('\n')).toHaveLength(2);
  });

  it('prints its version with -v', async () => {
    const run = startInImage('nginx:1.27', ['nginx', '-v']);
    expect(await run.running.exited).toBe(0);
    expect(run.stderr()).toBe('nginx version: nginx/1.27.5\n');
  });
});
