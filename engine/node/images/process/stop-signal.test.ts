import { describe, expect, it } from 'vitest';
import { StopController } from './stop-signal.ts';

describe('StopController', () => {
  it('calls every listener once, with the reason set', () => {
    const controller = new StopController();
    const calls: unknown[] = [];
    controller.signal.addEventListener('abort', () => calls.push(['a', controller.signal.reason]));
    controller.signal.addEventListener('abort', () => calls.push(['b', controller.signal.reason]));
    controller.abort('SIGTERM');
    controller.abort('SIGKILL');
    expect(calls).toEqual([
      ['a', 'SIGTERM'],
      ['b', 'SIGTERM'],
    ]);
    expect(controller.signal.aborted).toBe(true);
  });

  it('does not call a removed listener, nor one added after the abort', () => {
    const controller = new StopController();
    const calls: string[] = [];
    const removed = (): void => void calls.push('removed');
    controller.signal.addEventListener('abort', removed);
    controller.signal.addEventListener('abort', () => calls.push('kept'));
    controller.signal.removeEventListener('abort', removed);
    controller.abort('SIGINT');
    controller.signal.addEventListener('abort', () => calls.push('late'));
    expect(calls).toEqual(['kept']);
  });
});
