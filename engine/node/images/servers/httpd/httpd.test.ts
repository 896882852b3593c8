import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../program.ts';
import { startInImage } from '../../testing/run-image.ts';

const hosts = '127.0.0.1\tlocalhost\n10.244.2.7\tweb-0\n';

function get(path: string, method = 'GET'): HttpRequest {
  return { method, path, headers: { host: '10.244.2.7' }, port: 80, remoteAddress: '10.244.2.1' };
}

async function startHttpd(files: Record<string, string> = {}) {
  const run = startInImage('httpd', ['httpd-foreground'], { files: { '/etc/hosts': hosts, ...files } });
  await run.settle();
  return run;
}

describe('httpd', () => {
  it('logs its start on stderr as Apache does', async () => {
    const run = await startHttpd();
    const lines = run.stderr().split('\n');
    expect(lines[0]).toBe(
      "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 127.0.0.1. Set the 'ServerName' directive globally to suppress this message",
    );
    expect(lines[2]).toBe(
      '[Mon Nov 23 10:00:00.000000 2026] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations',
    );
    expect(lines[3]).toBe(
      "[Mon Nov 23 10:00:00.000000 2026] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
    );
  });

  it('serves "It works!" on 80 and logs in Common Log Format on stdout', async () => {
    const run = await startHttpd();
    expect(run.running.listens?.(80)).toBe(true);
    const response = run.running.http?.(get('/'));
    await run.settle();
    expect(response).toMatchObject({ status: 200, body: '<html><body><h1>It works!</h1></body></html>\n' });
    expect(response?.headers?.Server).toBe('Apache/2.4.63 (Unix)');
    expect(run.stdout()).toBe('10.244.2.1 - - [23/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 45\n');
  });

  it('answers a missing file with 404 and "-" for no body on HEAD', async () => {
    const run = await startHttpd();
    expect(run.running.http?.(get('/nope'))?.status).toBe(404);
    expect(run.running.http?.(get('/', 'HEAD'))?.body).toBe('');
    await run.settle();
    expect(run.stdout().split('\n')[1]).toBe('10.244.2.1 - - [23/Nov/2026:10:00:00 +0000] "HEAD / HTTP/1.1" 200 -');
  });

  it('lists a mounted directory without an index', async () => {
    const run = await startHttpd({ '/usr/local/apache2/htdocs/files/a.txt': 'a' });
    const response = run.running.http?.(get('/files/'));
    expect(response?.status).toBe(200);
    expect(response?.body).toContain('<h1>Index of /files</h1>');
    expect(response?.body).toContain('<li><a href="a.txt"> a.txt</a></li>');
  });

  it('stops gracefully with exit code 0', async () => {
    const run = await startHttpd();
    run.stop();
    expect(await run.running.exited).toBe(0);
    expect(run.stderr()).toContain('AH00492: caught SIGWINCH, shutting down gracefully\n');
  });
});
