// Container lifecycle hooks, as kubelet's handler runner runs them: postStart right after the container starts,
// preStop before it is asked to stop — a command exec'd in the container (exit code 0 is success), an HTTP GET to
// the container (a 2xx/3xx answer), or a sleep.

import type { Clock } from '../../lab/clock.ts';
import { labDelay } from '../runtime/lab-delay.ts';
import type { Container, LifecycleHandler } from './pod-types.ts';
import type { ProbeTarget } from './probe-check.ts';
import { resolvePort } from './probe-check.ts';

/** Runs a hook; resolves whether it succeeded. */
export async function runLifecycleHook(
  handler: LifecycleHandler,
  container: Container,
  target: ProbeTarget,
  clock: Clock,
): Promise<boolean> {
  if (handler.exec) {
    const run = target.exec(handler.exec.command ?? []);
    if (!run) return false;
    return (await run.output).code === 0;
  }
  if (handler.httpGet) {
    const port = resolvePort(handler.httpGet.port, container);
    if (port === undefined) return false;
    const response = target.http(port, handler.httpGet.path || '/', {});
    return response !== undefined && response.status >= 200 && response.status < 400;
  }
  if (handler.sleep) {
    await labDelay(clock, handler.sleep.seconds * 1000);
    return true;
  }
  return false;
}
