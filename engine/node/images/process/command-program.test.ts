import { describe, expect, it } from 'vitest';
import { runProgram } from '../testing/run-program.ts';
import type { Command } from './command.ts';
import { whenAborted } from './command.ts';
import { commandProgram } from './command-program.ts';

const serve: Command = async (context) => {
  context.process.setUsage(() => ({ cpuMillis: 3, memoryBytes: 5_000_000 }));
  const close = context.system.listen(8080, () => ({ status: 200, body: 'ok' }));
  await whenAborted(context.signal);
  close();
  return 0;
};
const entrypoint: Command = (context) => context.process.exec(context.argv.slice(1));
const program = commandProgram(
  new Map<string, Command>([
    ['serve', serve],
    ['/entrypoint', entrypoint],
  ]),
  'busybox',
);

describe('commandProgram', () => {
  it('knows the commands of its table, by name or by path', () => {
    expect(program.has?.('serve')).toBe(true);
    expect(program.has?.('/usr/bin/serve')).toBe(true);
    expect(program.has?.('/entrypoint')).toBe(true);
    expect(program.has?.('sh')).toBe(false);
  });

  it('runs an exec’d command in the same process, which answers on its port and reports its use', async () => {
    const run = runProgram(program, ['/entrypoint', 'serve']);
    await run.settle();
    expect(run.running.processes?.()).toEqual([{ pid: 1, user: 'root', command: 'serve', startedAt: run.clock.now() }]);
    expect(run.running.listens?.(8080)).toBe(true);
    expect(run.running.http?.({ method: 'GET', path: '/', headers: {}, port: 8080 })).toEqual({
      status: 200,
      body: 'ok',
    });
    expect(run.running.usage()).toEqual({ cpuMillis: 3, memoryBytes: 5_000_000 });
    run.stop();
    expect(await run.running.exited).toBe(0);
    expect(run.running.listens?.(8080)).toBe(false);
  });

  it('ends with 127 and says so when the command does not exist', async () => {
    const run = runProgram(program, ['missing']);
    expect(await run.running.exited).toBe(127);
    expect(run.stderr()).toBe('exec: "missing": executable file not found in $PATH\n');
  });

  it('ends its process on kill 9 with status 137, whatever the program would return', async () => {
    const run = runProgram(program, ['serve']);
    await run.settle();
    expect(run.running.kill?.(1, 9)).toBe(true);
    expect(await run.running.exited).toBe(137);
    expect(run.running.kill?.(7, 15)).toBe(false);
  });
});
