import { describe, expect, it } from 'vitest';
import { runInImage, startInImage } from '../testing/run-image.ts';

interface Case {
  name: string;
  script: string;
  stdout?: string;
  stderr?: string;
  status: number;
}

const ashCases: Case[] = [
  { name: 'echo prints its arguments', script: 'echo hello world', stdout: 'hello world\n', status: 0 },
  { name: 'a pipe feeds one command into the next', script: 'echo hello | tr a-z A-Z', stdout: 'HELLO\n', status: 0 },
  {
    name: 'a three-stage pipe counts lines',
    script: 'printf "b\\na\\nb\\n" | sort | uniq | wc -l',
    stdout: '2\n',
    status: 0,
  },
  { name: 'a pipeline has the status of its last command', script: 'false | true; echo $?', stdout: '0\n', status: 0 },
  { name: '&& runs the second command after a success', script: 'true && echo yes', stdout: 'yes\n', status: 0 },
  { name: '&& skips the second command after a failure', script: 'false && echo yes', stdout: '', status: 1 },
  {
    name: '|| runs the second command after a failure',
    script: 'false || echo fallback',
    stdout: 'fallback\n',
    status: 0,
  },
  { name: 'and-or lists run left to right', script: 'false && echo a || echo b', stdout: 'b\n', status: 0 },
  { name: 'exit N ends the shell with N', script: 'echo before; exit 3; echo after', stdout: 'before\n', status: 3 },
  {
    name: 'the exit status is the last command’s',
    script: 'ls /nonexistent',
    stderr: 'ls: /nonexistent: No such file or directory\n',
    status: 1,
  },
  {
    name: 'an unknown command is not found (127)',
    script: 'nosuchcommand',
    stderr: 'sh: nosuchcommand: not found\n',
    status: 127,
  },
  { name: '$? holds the previous status', script: 'sh -c "exit 7"; echo $?', stdout: '7\n', status: 0 },
  { name: 'variables expand', script: 'name=world; echo "hello $name"', stdout: 'hello world\n', status: 0 },
  { name: 'single quotes keep $ literal', script: 'x=1; echo \'$x\' "$x"', stdout: '$x 1\n', status: 0 },
  {
    name: 'unquoted expansions split into fields',
    script: 'x="a   b"; for w in $x; do echo "[$w]"; done',
    stdout: '[a]\n[b]\n',
    status: 0,
  },
  { name: 'double quotes keep spaces', script: 'x="a   b"; echo "$x"', stdout: 'a   b\n', status: 0 },
  {
    name: 'default values apply to unset variables',
    script: 'echo ${missing:-default}',
    stdout: 'default\n',
    status: 0,
  },
  { name: 'arithmetic expands', script: 'i=4; echo $((i * 3 + 1))', stdout: '13\n', status: 0 },
  { name: 'command substitution captures output', script: 'echo "n=$(echo 5)"', stdout: 'n=5\n', status: 0 },
  {
    name: 'exported variables reach commands',
    script: 'export GREETING=hi; env | grep GREETING',
    stdout: 'GREETING=hi\n',
    status: 0,
  },
  { name: 'a prefix assignment reaches one command', script: 'FOO=bar printenv FOO', stdout: 'bar\n', status: 0 },
  {
    name: 'if picks a branch by status',
    script: 'if [ 2 -gt 1 ]; then echo big; else echo small; fi',
    stdout: 'big\n',
    status: 0,
  },
  {
    name: 'while loops until its condition fails',
    script: 'i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done',
    stdout: '0\n1\n2\n',
    status: 0,
  },
  {
    name: 'case matches patterns',
    script: 'case foo.txt in *.log) echo log;; *.txt) echo text;; esac',
    stdout: 'text\n',
    status: 0,
  },
  { name: 'functions take arguments', script: 'greet() { echo "hi $1"; }; greet you', stdout: 'hi you\n', status: 0 },
  {
    name: 'redirection writes and reads files',
    script: 'echo saved > /tmp/f; cat /tmp/f',
    stdout: 'saved\n',
    status: 0,
  },
  { name: '>> appends', script: 'echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f', stdout: 'a\nb\n', status: 0 },
  { name: '2>&1 joins stderr to stdout', script: 'cat /missing 2>&1 | wc -l', stdout: '1\n', status: 0 },
  {
    name: 'a redirect into a missing directory fails',
    script: 'echo x > /no/such/file',
    stderr: "sh: can't create /no/such/file: nonexistent directory\n",
    status: 1,
  },
  { name: 'here-documents feed stdin', script: 'cat <<EOF\nline $((1+1))\nEOF', stdout: 'line 2\n', status: 0 },
  {
    name: 'set -e stops at the first failure',
    script: 'set -e; echo one; false; echo two',
    stdout: 'one\n',
    status: 1,
  },
  {
    name: 'the EXIT trap runs on the way out',
    script: "trap 'echo bye' EXIT; echo hi",
    stdout: 'hi\nbye\n',
    status: 0,
  },
  {
    name: 'a subshell does not change its parent',
    script: 'x=1; (x=2; echo $x); echo $x',
    stdout: '2\n1\n',
    status: 0,
  },
  {
    name: 'positional parameters come after the command name',
    script: 'echo "$0 $1 $#"',
    stdout: 'sh  0\n',
    status: 0,
  },
  { name: 'cd changes the working directory', script: 'cd /etc && pwd', stdout: '/etc\n', status: 0 },
  {
    name: 'cd into a missing directory fails',
    script: 'cd /nope',
    stderr: "sh: cd: can't cd to /nope: No such file or directory\n",
    status: 2,
  },
  { name: 'globs match files', script: 'cd /etc && echo pass*', stdout: 'passwd\n', status: 0 },
  {
    name: 'an unterminated quote is a syntax error',
    script: 'echo "abc',
    stderr: 'sh: syntax error: unterminated quoted string\n',
    status: 2,
  },
  { name: 'a stray keyword is a syntax error', script: 'fi', stderr: 'sh: syntax error: unexpected "fi"\n', status: 2 },
  {
    name: 'a missing fi is a syntax error',
    script: 'if true; then echo x',
    stderr: 'sh: syntax error: unexpected end of file (expecting "fi")\n',
    status: 2,
  },
  { name: 'a stray ) is a syntax error', script: 'echo )', stderr: 'sh: syntax error: unexpected ")"\n', status: 2 },
  {
    name: 'nothing runs before a syntax error',
    script: 'echo first; fi',
    stderr: 'sh: syntax error: unexpected "fi"\n',
    stdout: '',
    status: 2,
  },
];

describe('busybox sh -c', () => {
  it.each(ashCases)('$name', async ({ script, stdout, stderr, status }) => {
    const result = await runInImage('busybox', ['sh', '-c', script]);
    expect(result.status).toBe(status);
    if (stdout !== undefined) expect(result.stdout).toBe(stdout);
    expect(result.stderr).toBe(stderr ?? '');
  });
});

const dashCases: Case[] = [
  {
    name: 'an unknown command names the line',
    script: 'true\nnosuch',
    stderr: 'sh: 2: nosuch: not found\n',
    status: 127,
  },
  { name: 'echo interprets escapes', script: 'echo "a\\tb"', stdout: 'a\tb\n', status: 0 },
  {
    name: 'a stray keyword is a syntax error',
    script: 'fi',
    stderr: 'sh: 1: Syntax error: "fi" unexpected\n',
    status: 2,
  },
  {
    name: 'a missing done names what was expected',
    script: 'while true; do echo x',
    stderr: 'sh: 1: Syntax error: end of file unexpected (expecting "done")\n',
    status: 2,
  },
];

describe('Debian sh (dash) -c', () => {
  it.each(dashCases)('$name', async ({ script, stdout, stderr, status }) => {
    const result = await runInImage('nginx', ['sh', '-c', script]);
    expect(result.status).toBe(status);
    if (stdout !== undefined) expect(result.stdout).toBe(stdout);
    expect(result.stderr).toBe(stderr ?? '');
  });
});

describe('bash -c', () => {
  it.each([
    ['names the line of an unknown command', 'nosuch', 127, 'bash: line 1: nosuch: command not found\n'],
    [
      'quotes the line of a syntax error',
      'echo ok\necho )',
      2,
      "bash: -c: line 2: syntax error near unexpected token `)'\nbash: -c: line 2: `echo )'\n",
    ],
  ])('%s', async (_case, script, status, stderr) => {
    expect(await runInImage('nginx', ['bash', '-c', script])).toMatchObject({ status, stderr });
  });
});

describe('errors in scripts and named -c strings', () => {
  const files = { '/scripts/run.sh': 'echo a\nnosuch\n' };
  it.each([
    ['busybox', ['sh', '/scripts/run.sh'], 127, '/scripts/run.sh: line 2: nosuch: not found\n'],
    ['busybox', ['sh', '-c', 'true; nosuch', 'myname'], 127, 'myname: line 1: nosuch: not found\n'],
    ['busybox', ['/bin/sh', '-c', 'nosuch'], 127, '/bin/sh: nosuch: not found\n'],
    ['nginx', ['sh', '/scripts/run.sh'], 127, '/scripts/run.sh: 2: nosuch: not found\n'],
    ['nginx', ['bash', '/scripts/run.sh'], 127, '/scripts/run.sh: line 2: nosuch: command not found\n'],
    ['busybox', ['sh', '/missing.sh'], 2, "sh: can't open '/missing.sh': No such file or directory\n"],
    ['nginx', ['sh', '/missing.sh'], 2, 'sh: 0: cannot open /missing.sh: No such file\n'],
    ['nginx', ['bash', '/missing.sh'], 127, 'bash: /missing.sh: No such file or directory\n'],
  ])('%s %j', async (image, argv, status, stderr) => {
    expect(await runInImage(image, argv, { files })).toMatchObject({ status, stderr });
  });
});

describe('the shell and its input', () => {
  it('exits at once with nothing on stdin, as `sh` does without a terminal', async () => {
    const result = await runInImage('busybox', ['sh']);
    expect(result).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('runs commands read from stdin', async () => {
    const result = await runInImage('alpine', ['/bin/sh'], {
      stdin: 'echo one\nif true; then\n  echo two\nfi\nexit 4\n',
    });
    expect(result).toMatchObject({ status: 4, stdout: 'one\ntwo\n' });
  });

  it('runs a script file with its arguments', async () => {
    const result = await runInImage('busybox', ['sh', '/scripts/run.sh', 'a', 'b'], {
      files: { '/scripts/run.sh': '#!/bin/sh\necho "$0 got $# args: $*"\n' },
    });
    expect(result).toMatchObject({ status: 0, stdout: '/scripts/run.sh got 2 args: a b\n' });
  });
});

describe('time in the shell', () => {
  it('sleep 5 ends when the lab clock has advanced 5 s', async () => {
    const run = startInImage('busybox', ['sh', '-c', 'echo start; sleep 5; echo done']);
    let status: number | undefined;
    void run.running.exited.then((code) => (status = code));
    await run.settle();
    run.clock.step(4_999);
    await run.settle();
    expect(run.stdout()).toBe('start\n');
    expect(status).toBeUndefined();
    run.clock.step(1);
    await run.settle();
    expect(run.stdout()).toBe('start\ndone\n');
    expect(status).toBe(0);
  });

  it('SIGTERM ends a sleeping shell with 143', async () => {
    const run = startInImage('busybox', ['sh', '-c', 'sleep 3600']);
    await run.settle();
    run.stop();
    expect(await run.running.exited).toBe(143);
  });

  it('a TERM trap runs once the foreground command has finished', async () => {
    const run = startInImage('busybox', [
      'sh',
      '-c',
      'trap "echo got TERM; exit 0" TERM; while true; do sleep 1; done',
    ]);
    await run.settle();
    run.clock.step(1_000);
    await run.settle();
    run.clock.step(500);
    run.stop();
    await run.settle();
    expect(run.stdout()).toBe('');
    run.clock.step(500);
    expect(await run.running.exited).toBe(0);
    expect(run.stdout()).toBe('got TERM\n');
  });

  it('date prints the lab clock’s time', async () => {
    const result = await runInImage('busybox', ['date']);
    expect(result.stdout).toBe('Mon Nov 23 10:00:00 UTC 2026\n');
  });
});
