import { describe, expect, it } from 'vitest';
import { machine } from '../machine.ts';
import { loopbackNetwork } from '../process/loopback-network.ts';
import { MemoryFilesystem } from '../process/memory-filesystem.ts';
import { runInImage, startInImage } from '../testing/run-image.ts';

interface Case {
  name: string;
  argv: string[];
  /** busybox unless given (nginx: Debian's coreutils). */
  image?: string;
  stdin?: string;
  stdout?: string;
  stderr?: string;
  status: number;
}

const files = { '/data/a.txt': 'one\ntwo\nthree\n' };

const cases: Case[] = [
  { name: 'echo -n leaves out the newline', argv: ['echo', '-n', 'hi'], stdout: 'hi', status: 0 },
  { name: 'cat copies a file', argv: ['cat', '/data/a.txt'], stdout: 'one\ntwo\nthree\n', status: 0 },
  { name: 'cat copies stdin', argv: ['cat'], stdin: 'piped\n', stdout: 'piped\n', status: 0 },
  {
    name: 'busybox cat names a missing file',
    argv: ['cat', '/missing'],
    stderr: "cat: can't open '/missing': No such file or directory\n",
    status: 1,
  },
  {
    name: 'GNU cat names a missing file',
    image: 'nginx',
    argv: ['cat', '/missing'],
    stderr: 'cat: /missing: No such file or directory\n',
    status: 1,
  },
  { name: 'head -n takes the first lines', argv: ['head', '-n', '2', '/data/a.txt'], stdout: 'one\ntwo\n', status: 0 },
  { name: 'tail -n takes the last lines', argv: ['tail', '-n', '1', '/data/a.txt'], stdout: 'three\n', status: 0 },
  { name: 'wc -l counts lines of stdin', argv: ['wc', '-l'], stdin: 'a\nb\nc\n', stdout: '3\n', status: 0 },
  { name: 'grep prints matching lines', argv: ['grep', 't', '/data/a.txt'], stdout: 'two\nthree\n', status: 0 },
  { name: 'grep -c counts them', argv: ['grep', '-c', 'o', '/data/a.txt'], stdout: '2\n', status: 0 },
  { name: 'grep fails when nothing matches', argv: ['grep', 'zzz', '/data/a.txt'], stdout: '', status: 1 },
  { name: 'sort -r sorts in reverse', argv: ['sort', '-r'], stdin: 'b\na\nc\n', stdout: 'c\nb\na\n', status: 0 },
  { name: 'tr maps characters', argv: ['tr', 'a-z', 'A-Z'], stdin: 'kube\n', stdout: 'KUBE\n', status: 0 },
  { name: 'cut picks fields', argv: ['cut', '-d:', '-f1,3'], stdin: 'root:x:0:0\n', stdout: 'root:0\n', status: 0 },
  { name: 'sed substitutes', argv: ['sed', 's/o/0/g', '/data/a.txt'], stdout: '0ne\ntw0\nthree\n', status: 0 },
  { name: 'seq counts', argv: ['seq', '3'], stdout: '1\n2\n3\n', status: 0 },
  { name: 'expr does arithmetic', argv: ['expr', '2', '+', '3'], stdout: '5\n', status: 0 },
  { name: 'basename strips a suffix', argv: ['basename', '/a/b.txt', '.txt'], stdout: 'b\n', status: 0 },
  { name: 'dirname drops the last component', argv: ['dirname', '/a/b.txt'], stdout: '/a\n', status: 0 },
  {
    name: 'env -i starts from an empty environment',
    argv: ['env', '-i', 'FOO=1', 'env'],
    stdout: 'FOO=1\n',
    status: 0,
  },
  { name: 'printenv prints one variable', argv: ['printenv', 'HOSTNAME'], stdout: 'lab-pod\n', status: 0 },
  { name: 'printenv fails for an unset variable', argv: ['printenv', 'NOPE'], stdout: '', status: 1 },
  { name: 'ls lists a directory', argv: ['ls', '/data'], stdout: 'a.txt\n', status: 0 },
  {
    name: 'busybox ls names a missing path',
    argv: ['ls', '/nope'],
    stderr: 'ls: /nope: No such file or directory\n',
    status: 1,
  },
  {
    name: 'GNU ls names a missing path',
    image: 'nginx',
    argv: ['ls', '/nope'],
    stderr: "ls: cannot access '/nope': No such file or directory\n",
    status: 2,
  },
  {
    name: 'date formats the lab time',
    argv: ['date', '-u', '+%Y-%m-%d %H:%M'],
    stdout: '2026-11-23 10:00\n',
    status: 0,
  },
  {
    name: 'date -d @N formats that time',
    argv: ['date', '-d', '@0', '+%F %T'],
    stdout: '1970-01-01 00:00:00\n',
    status: 0,
  },
  { name: 'uname -r names the node’s kernel', argv: ['uname', '-r'], stdout: `${machine.kernelRelease}\n`, status: 0 },
  { name: 'hostname is the pod’s', argv: ['hostname'], stdout: 'lab-pod\n', status: 0 },
  { name: 'id is root', argv: ['id'], stdout: 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n', status: 0 },
  { name: 'whoami is root', argv: ['whoami'], stdout: 'root\n', status: 0 },
  { name: 'printf formats its arguments', argv: ['printf', '%s-%03d\\n', 'a', '5'], stdout: 'a-005\n', status: 0 },
  { name: 'test -d is true for a directory', argv: ['test', '-d', '/tmp'], stdout: '', status: 0 },
  { name: '[ -f ] is false for a missing file', argv: ['[', '-f', '/nope', ']'], stdout: '', status: 1 },
  { name: 'false fails', argv: ['false'], stdout: '', status: 1 },
  {
    name: 'wget cannot connect where nothing listens',
    argv: ['wget', '-qO-', 'http://localhost:8080/'],
    stderr: "wget: can't connect to remote host (127.0.0.1): Connection refused\n",
    status: 1,
  },
  {
    name: 'wget cannot resolve an unknown name',
    argv: ['wget', '-q', 'http://nosuch.example/'],
    stderr: "wget: bad address 'nosuch.example'\n",
    status: 1,
  },
];

describe('commands', () => {
  it.each(cases)('$name', async ({ argv, image, stdin, stdout, stderr, status }) => {
    const result = await runInImage(image ?? 'busybox', argv, { files, stdin });
    expect(result.status).toBe(status);
    if (stdout !== undefined) expect(result.stdout).toBe(stdout);
    expect(result.stderr).toBe(stderr ?? '');
  });

  it('file commands change the filesystem', async () => {
    const result = await runInImage('busybox', [
      'sh',
      '-c',
      'mkdir -p /x/y && touch /x/y/f && cp /x/y/f /x/g && rm /x/y/f && ls /x /x/y',
    ]);
    expect(result).toMatchObject({ status: 0, stdout: '/x:\ng\ny\n\n/x/y:\n' });
  });
});

describe('commands on the pod network', () => {
  it('wget fetches a page from a container of the same pod over loopback', async () => {
    const web = startInImage('nginx:1.28', ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    await web.settle();
    const network = loopbackNetwork(new MemoryFilesystem(), () => [web.running]);
    const result = await runInImage('busybox', ['wget', '-O-', 'http://localhost/'], { network });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('<h1>Welcome to nginx!</h1>');
    expect(result.stderr).toMatch(/^Connecting to localhost \(127\.0\.0\.1:80\)\nwriting to stdout\n/);
    await web.settle();
    expect(web.stdout()).toMatch(
      /127\.0\.0\.1 - - \[23\/Nov\/2026:10:00:00 \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "Wget" "-"\n$/,
    );
  });

  it('curl in the nginx image reaches nginx started in the background, whose access log shares stdout', async () => {
    const run = startInImage('nginx:1.28', [
      'sh',
      '-c',
      'nginx -g "daemon off;" & sleep 1; curl -sI localhost/nope | head -1',
    ]);
    await run.settle();
    run.clock.step(1_000);
    await run.settle();
    expect(run.stdout()).toBe(
      '127.0.0.1 - - [23/Nov/2026:10:00:01 +0000] "HEAD /nope HTTP/1.1" 404 0 "-" "curl/7.88.1" "-"\nHTTP/1.1 404 Not Found\r\n',
    );
  });

  it('curl -v shows the connection, the request and the response headers on stderr; a refusal too', async () => {
    const run = startInImage('nginx:1.28', [
      'sh',
      '-c',
      'nginx -g "daemon off;" >/dev/null 2>&1 & sleep 1; curl -sv localhost/ >/dev/null; curl -sSv localhost:81/',
    ]);
    await run.settle();
    run.clock.step(1_000);
    await run.settle();
    const stderr = run.stderr();
    expect(stderr).toMatch(
      /^\* {3}Trying 127\.0\.0\.1:80\.\.\.\n\* Connected to localhost \(127\.0\.0\.1\) port 80 \(#0\)\n/,
    );
    expect(stderr).toContain(
      '> GET / HTTP/1.1\r\n> Host: localhost\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n> \r\n',
    );
    expect(stderr).toMatch(
      /< HTTP\/1\.1 200 OK\r\n(< [^\r]+\r\n)+< \r\n\{ \[615 bytes data\]\n\* Connection #0 to host localhost left intact\n/,
    );
    expect(stderr).toContain(
      '*   Trying 127.0.0.1:81...\n* connect to 127.0.0.1 port 81 failed: Connection refused\n' +
        "* Failed to connect to localhost port 81 after 0 ms: Couldn't connect to server\n* Closing connection 0\n" +
        "curl: (7) Failed to connect to localhost port 81 after 0 ms: Couldn't connect to server\n",
    );
  });

  it('sleep waits on the lab clock, not on wall time', async () => {
    const run = startInImage('busybox', ['sleep', '2.5']);
    let status: number | undefined;
    void run.running.exited.then((code) => (status = code));
    run.clock.step(2_499);
    await run.settle();
    expect(status).toBeUndefined();
    run.clock.step(1);
    await run.settle();
    expect(status).toBe(0);
  });
});
