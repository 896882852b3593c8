import { describe, expect, it } from 'vitest';
import { MemoryFilesystem } from '../../process/memory-filesystem.ts';
import { catalogueImage, runInImage, startInImage } from '../../testing/run-image.ts';
import { runProgram } from '../../testing/run-program.ts';

const nginx = ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'];
const me = '/docker-entrypoint.sh';

/** The entrypoint's lines up to "Configuration complete". */
async function entrypointLines(
  files: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<string[]> {
  const run = startInImage('nginx:1.28', nginx, { files, env });
  await run.settle();
  return run
    .stdout()
    .split('\n')
    .filter((line) => line !== '');
}

describe('nginx /docker-entrypoint.sh', () => {
  it.each<[string, Record<string, string>, string[]]>([
    [
      'enables IPv6 in the packaged default.conf',
      {},
      [
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      ],
    ],
    [
      'leaves a default.conf of its own alone',
      { '/etc/nginx/conf.d/default.conf': 'server { listen 80; }\n' },
      [
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: /etc/nginx/conf.d/default.conf differs from the packaged version',
      ],
    ],
    [
      'sees IPv6 already enabled',
      { '/etc/nginx/conf.d/default.conf': 'server {\n    listen  [::]:80;\n}\n' },
      ['10-listen-on-ipv6-by-default.sh: info: IPv6 listen already enabled'],
    ],
  ])('%s', async (_case, files, ipv6Lines) => {
    expect(await entrypointLines(files)).toEqual([
      `${me}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
      `${me}: Looking for shell scripts in /docker-entrypoint.d/`,
      `${me}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`,
      ...ipv6Lines,
      `${me}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`,
      `${me}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`,
      `${me}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`,
      `${me}: Configuration complete; ready for start up`,
    ]);
  });

  it('cannot modify a default.conf on a read-only mount (a ConfigMap)', async () => {
    const image = catalogueImage('nginx:1.28');
    class ConfigMapMounted extends MemoryFilesystem {
      isReadOnly(path: string): boolean {
        return path.startsWith('/etc/nginx/conf.d');
      }
    }
    const fs = new ConfigMapMounted(image.files, image.directories);
    const run = runProgram(image.program, nginx, { fs, env: image.env });
    await run.settle();
    expect(run.stdout()).toContain(
      '10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)\n',
    );
  });

  it('writes templates into conf.d with the defined variables substituted', async () => {
    const template =
      'server {\n    listen ${NGINX_PORT};\n    location / { return 200 "$NGINX_HOST $UNDEFINED"; }\n}\n';
    const run = startInImage('nginx:1.28', nginx, {
      files: { '/etc/nginx/templates/default.conf.template': template },
      env: { NGINX_PORT: '8080', NGINX_HOST: 'example.com' },
    });
    await run.settle();
    expect(run.stdout()).toContain(
      '20-envsubst-on-templates.sh: Running envsubst on /etc/nginx/templates/default.conf.template to /etc/nginx/conf.d/default.conf\n',
    );
    expect(run.fs.read('/etc/nginx/conf.d/default.conf')).toBe(
      'server {\n    listen 8080;\n    location / { return 200 "example.com $UNDEFINED"; }\n}\n',
    );
    expect(run.running.listens?.(8080)).toBe(true);
  });

  it('runs scripts a volume adds, and logs nothing with NGINX_ENTRYPOINT_QUIET_LOGS', async () => {
    expect(await entrypointLines({ '/docker-entrypoint.d/40-hello.sh': 'echo hello from a script\n' })).toEqual(
      expect.arrayContaining([`${me}: Launching /docker-entrypoint.d/40-hello.sh`, 'hello from a script']),
    );
    expect(await entrypointLines({}, { NGINX_ENTRYPOINT_QUIET_LOGS: '1' })).toEqual([]);
  });

  it('runs the scripts in version order (5 before 10)', async () => {
    const lines = await entrypointLines({ '/docker-entrypoint.d/5-first.sh': 'echo first\n' });
    expect(lines.slice(2, 5)).toEqual([
      `${me}: Launching /docker-entrypoint.d/5-first.sh`,
      'first',
      `${me}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`,
    ]);
  });

  it('skips configuration when /docker-entrypoint.d/ is empty', async () => {
    const image = catalogueImage('nginx:1.28');
    const files = Object.fromEntries(
      Object.entries(image.files).filter(([path]) => !path.startsWith('/docker-entrypoint.d/')),
    );
    const run = runProgram(image.program, nginx, {
      fs: new MemoryFilesystem(files, image.directories),
      env: image.env,
    });
    await run.settle();
    expect(run.stdout()).toBe(`${me}: No files found in /docker-entrypoint.d/, skipping configuration\n`);
  });

  it.each([
    ['runs any other command as it is', ['echo', 'hi'], { status: 0, stdout: 'hi\n', stderr: '' }],
    [
      'says when the command is not found',
      ['nosuch'],
      { status: 127, stdout: '', stderr: `${me}: exec: nosuch: not found\n` },
    ],
  ])('%s', async (_case, argv, expected) => {
    const result = await runInImage('nginx:1.28', [me, ...argv]);
    expect(result).toMatchObject(expected);
  });
});
