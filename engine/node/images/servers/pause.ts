// The pause image's program: every pod sandbox runs one, so it is a Program of its own — no process table, shell or
// ports — and costs a few hundred bytes while it waits. It exits 0 when stopped, saying so as pause.c does.

import type { Program, ProgramContext } from '../program.ts';

export const pauseShutdownLine = 'Shutting down, got signal: Terminated\n';

const usage = { cpuMillis: 0, memoryBytes: 240 * 1024 };
const pauseUsage = (): typeof usage => usage;

function stop(context: ProgramContext, resolve: (code: number) => void): void {
  context.stderr.write(pauseShutdownLine);
  resolve(0);
}

export const pauseProgram: Program = {
  has: (command) => command === '/pause',
  start(context) {
    const exited = new Promise<number>((resolve) => {
      if (context.signal.aborted) stop(context, resolve);
      else context.signal.addEventListener('abort', () => stop(context, resolve), { once: true });
    });
    return { exited, usage: pauseUsage };
  },
};
