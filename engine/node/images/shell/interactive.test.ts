import { describe, expect, it } from 'vitest';
import { catalogueImage } from '../testing/run-image.ts';
import { runProgram } from '../testing/run-program.ts';
import { MemoryFilesystem } from '../process/memory-filesystem.ts';

/** `kubectl exec -it … -- <argv>`: a terminal on stdin and stdout. */
function openTerminal(reference: string, argv: string[]) {
  const image = catalogueImage(reference);
  const fs = new MemoryFilesystem(image.files, image.directories ?? []);
  return runProgram(image.program, argv, { fs, env: image.env, tty: true });
}

describe('an interactive shell on a terminal', () => {
  it('prompts, echoes what is typed, runs it and exits with exit’s status (busybox)', async () => {
    const run = openTerminal('busybox', ['sh']);
    await run.settle();
    run.stdin.write('echo hi\r');
    await run.settle();
    run.stdin.write('exit 3\r');
    expect(await run.running.exited).toBe(3);
    expect(run.stdout()).toBe('/ # echo hi\r\nhi\r\n/ # exit 3\r\n');
  });

  it('uses the prompts of dash and bash in Debian images', async () => {
    const dash = openTerminal('nginx', ['sh']);
    await dash.settle();
    expect(dash.stdout()).toBe('# ');
    const bash = openTerminal('nginx', ['bash']);
    await bash.settle();
    expect(bash.stdout()).toBe('root@lab-pod:/# ');
  });

  it('erases with Backspace and interrupts the foreground command with Ctrl-C', async () => {
    const run = openTerminal('busybox', ['sh']);
    await run.settle();
    run.stdin.write('sleeq\x7fp 100\r');
    await run.settle();
    run.stdin.write('\x03');
    await run.settle();
    run.stdin.write('echo $?\r');
    await run.settle();
    expect(run.stdout()).toBe('/ # sleeq\b \bp 100\r\n^C\r\n/ # echo $?\r\n130\r\n/ # ');
    run.stdin.write('\x04');
    expect(await run.running.exited).toBe(0);
  });

  it('asks for more with PS2 while a command is incomplete', async () => {
    const run = openTerminal('alpine', ['/bin/sh']);
    await run.settle();
    run.stdin.write('for i in 1 2\r');
    await run.settle();
    run.stdin.write('do echo $i; done\r');
    await run.settle();
    expect(run.stdout()).toBe('/ # for i in 1 2\r\n> do echo $i; done\r\n1\r\n2\r\n/ # ');
  });
});
