import { describe, expect, it } from 'vitest';
import { badRequest } from '../errors/status-error.ts';
import { commandStatus, encodeCommandStatus, translatorUpgradeFailure } from './command-status.ts';
import type { CommandOutcome, CommandStatusStyle } from './command-status.ts';

const exec: CommandStatusStyle = { operation: 'exec', command: ['sh', '-c', 'exit 3'], translated: false };
const translated: CommandStatusStyle = { ...exec, translated: true };
const attach: CommandStatusStyle = { operation: 'attach', command: [], translated: false };

describe('command status', () => {
  it.each<[string, CommandOutcome, CommandStatusStyle, string]>([
    ['an exec that exited 0 succeeded', { exitCode: 0 }, exec, '{"metadata":{},"status":"Success"}'],
    [
      'an exec that exited 3, in the kubelet’s words, carries the exit code as its cause',
      { exitCode: 3 },
      exec,
      '{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing ' +
        'command [sh -c exit 3], exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}',
    ],
    [
      'an exec kube-apiserver translated (v5) words its failure as the translator does',
      { exitCode: 1 },
      translated,
      '{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: command terminated ' +
        'with exit code 1","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"1"}]}}',
    ],
    ['an attach succeeds whatever the process’s code', { exitCode: 2 }, attach, '{"metadata":{},"status":"Success"}'],
    [
      'a session that failed with a Status reports that Status',
      { error: badRequest('container web is not running') },
      exec,
      '{"metadata":{},"status":"Failure","message":"container web is not running","reason":"BadRequest","code":400}',
    ],
    [
      'an exec that failed otherwise is an internal error',
      { error: new Error('runtime gone') },
      exec,
      '{"metadata":{},"status":"Failure","message":"Internal error occurred: error executing command in container: ' +
        'runtime gone","reason":"InternalError","details":{"causes":[{"message":"error executing command in container: ' +
        'runtime gone"}]},"code":500}',
    ],
    [
      'an attach that failed says so',
      { error: 'no tty' },
      attach,
      '{"metadata":{},"status":"Failure","message":"Internal error occurred: error attaching to container: no tty",' +
        '"reason":"InternalError","details":{"causes":[{"message":"error attaching to container: no tty"}]},"code":500}',
    ],
    [
      'a failed exec kube-apiserver translated is the kubelet’s message wrapped in an internal error once more',
      { error: new Error('runtime gone') },
      translated,
      '{"metadata":{},"status":"Failure","message":"Internal error occurred: Internal error occurred: error executing ' +
        'command in container: runtime gone","reason":"InternalError","details":{"causes":[{"message":"Internal error ' +
        'occurred: error executing command in container: runtime gone"}]},"code":500}',
    ],
  ])('%s', (_, outcome, style, json) => {
    expect(JSON.stringify(commandStatus(outcome, style))).toBe(json);
  });

  it('reports a session the kubelet would not open, through the translator', () => {
    expect(JSON.stringify(translatorUpgradeFailure('container not found ("c")'))).toBe(
      '{"metadata":{},"status":"Failure","message":"Internal error occurred: unable to upgrade connection: container ' +
        'not found (\\"c\\")","reason":"InternalError","details":{"causes":[{"message":"unable to upgrade connection: ' +
        'container not found (\\"c\\")"}]},"code":500}',
    );
  });

  it('sends the status as JSON from v4 on', () => {
    expect(encodeCommandStatus({ metadata: {}, status: 'Success' }, true)?.toString()).toBe(
      '{"metadata":{},"status":"Success"}',
    );
  });

  it('sends nothing on success and only the message on failure before v4', () => {
    expect(encodeCommandStatus({ metadata: {}, status: 'Success' }, false)).toBeUndefined();
    const failure = commandStatus({ exitCode: 3 }, exec);
    expect(encodeCommandStatus(failure, false)?.toString()).toBe(
      'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3',
    );
  });
});
