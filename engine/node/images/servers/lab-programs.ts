// Programs of kubelab's own images and of agnhost: pause (agnhost's: waits for a signal), crasher (prints a line and
// exits with an error after a delay: CrashLoopBackOff labs), stress (uses the CPU and memory its environment or
// arguments ask for: kubectl top and OOMKilled labs).

import type { Command } from '../process/command.ts';
import { signalStatus, sleepFor, whenAborted } from '../process/command.ts';
import { pauseShutdownLine } from './pause.ts';

export const pauseCommand: Command = async (context) => {
  context.process.setUsage(() => ({ cpuMillis: 0, memoryBytes: 240 * 1024 }));
  await whenAborted(context.signal);
  await context.stderr.write(pauseShutdownLine);
  return 0;
};

/** env: CRASH_AFTER_SECONDS (default 5), CRASH_MESSAGE, EXIT_CODE (default 1). */
export const crasherCommand: Command = async (context) => {
  const seconds = Number(context.env.CRASH_AFTER_SECONDS ?? 5);
  const code = Number(context.env.EXIT_CODE ?? 1);
  const message = context.env.CRASH_MESSAGE ?? `fatal: simulated failure after ${seconds}s, exiting with code ${code}`;
  await context.stdout.write(`crasher: starting; will exit with code ${code} in ${seconds}s\n`);
  if (!(await sleepFor(context.system.clock, Math.max(0, seconds) * 1000, context.signal)))
    return signalStatus(context.signal);
  await context.stderr.write(message + '\n');
  return code;
};

const mebibyte = 1024 * 1024;

/** "500m" or "1.5" cores as millicores; "256Mi", "1G", "150M" as bytes. */
function millicores(text: string | undefined): number {
  if (!text) return 0;
  return text.endsWith('m') ? Number(text.slice(0, -1)) : Number(text) * 1000;
}

function bytes(text: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)([KMGT]i?)?B?$/i.exec(text ?? '');
  if (!match) return 0;
  const units: Record<string, number> = {
    k: 1000,
    ki: 1024,
    m: 1e6,
    mi: mebibyte,
    g: 1e9,
    gi: 1024 * mebibyte,
    t: 1e12,
    ti: 1024 ** 4,
  };
  const unit = match[2]?.toLowerCase();
  return Math.round(
    Number(match[1]) * (unit === undefined ? 1 : (units[unit] ?? (unit.length === 1 ? units[`${unit}i`]! : 1))),
  );
}

function argument(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index < 0 ? undefined : argv[index + 1];
}

/**
 * env: STRESS_CPU ("500m", "2"), STRESS_MEMORY ("256Mi"), STRESS_RAMP_SECONDS (memory grows to its target over this
 * time; default 0), STRESS_TIMEOUT_SECONDS. Or stress's own arguments: --cpu N, --vm-bytes SIZE, --timeout Ns.
 */
export const stressCommand: Command = async (context) => {
  const argv = context.argv;
  if (argv.includes('--help') || argv.includes('-?')) {
    await context.stdout.write(
      "`stress' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n" +
        ' -t, --timeout N    timeout after N seconds\n -c, --cpu N        spawn N workers spinning on sqrt()\n' +
        ' -m, --vm N         spawn N workers spinning on malloc()/free()\n     --vm-bytes B   malloc B bytes per vm worker (default is 256MB)\n',
    );
    return 0;
  }
  const cpu = millicores(
    context.env.STRESS_CPU ??
      (argument(argv, '--cpu') === undefined ? undefined : String(Number(argument(argv, '--cpu')))),
  );
  const memory = bytes(context.env.STRESS_MEMORY ?? argument(argv, '--vm-bytes'));
  const ramp = Number(context.env.STRESS_RAMP_SECONDS ?? 0) * 1000;
  const timeout =
    Number((context.env.STRESS_TIMEOUT_SECONDS ?? argument(argv, '--timeout') ?? '0').replace(/s$/, '')) * 1000;
  const started = context.system.clock.now();
  context.process.setUsage(() => {
    const progress = ramp > 0 ? Math.min(1, (context.system.clock.now() - started) / ramp) : 1;
    return { cpuMillis: cpu, memoryBytes: 700 * 1024 + Math.round(memory * progress) };
  });
  const hogs = `${Math.ceil(cpu / 1000)} cpu, 0 io, ${memory > 0 ? 1 : 0} vm, 0 hdd`;
  await context.stdout.write(`stress: info: [1] dispatching hogs: ${hogs}\n`);
  if (timeout > 0) {
    if (!(await sleepFor(context.system.clock, timeout, context.signal))) return signalStatus(context.signal);
    await context.stdout.write(`stress: info: [1] successful run completed in ${timeout / 1000}s\n`);
    return 0;
  }
  await whenAborted(context.signal);
  return signalStatus(context.signal);
};
