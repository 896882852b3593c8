import { describe, expect, it } from 'vitest';
import { parsePodLogOptions, podLogOptionErrors, validatePodLogOptions } from './pod-log-options.ts';

const parse = (text: string) => parsePodLogOptions(new URLSearchParams(text));

describe('pod log options', () => {
  it('reads what kubectl logs sends', () => {
    expect(
      parse('container=app&follow=true&previous=true&timestamps=true&tailLines=10&sinceSeconds=60&limitBytes=500'),
    ).toEqual({
      container: 'app',
      follow: true,
      previous: true,
      timestamps: true,
      tailLines: 10,
      sinceSeconds: 60,
      sinceTime: undefined,
      limitBytes: 500,
      insecureSkipTLSVerifyBackend: false,
    });
    expect(parse('sinceTime=2025-01-01T00:00:00Z&insecureSkipTLSVerifyBackend=true')).toMatchObject({
      sinceTime: '2025-01-01T00:00:00Z',
      insecureSkipTLSVerifyBackend: true,
    });
  });

  it.each([
    ['no options', '', []],
    ['a zero tail', 'tailLines=0', []],
    ['a negative tail', 'tailLines=-1', ['tailLines: Invalid value: -1: must be greater than or equal to 0']],
    ['a byte limit below one', 'limitBytes=0', ['limitBytes: Invalid value: 0: must be greater than 0']],
    ['a non-positive since', 'sinceSeconds=0', ['sinceSeconds: Invalid value: 0: must be greater than 0']],
    [
      'both sinceSeconds and sinceTime',
      'sinceSeconds=0&sinceTime=2025-01-01T00:00:00Z',
      ['Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified'],
    ],
  ])('validates %s', (_, text, messages) => {
    expect(podLogOptionErrors(parse(text)).map((e) => e.toString())).toEqual(messages);
  });

  it('refuses invalid options with a 422 naming the pod', () => {
    expect(() => validatePodLogOptions('web', parse('tailLines=-2'))).toThrow(
      'PodLogOptions "web" is invalid: tailLines: Invalid value: -2: must be greater than or equal to 0',
    );
  });
});
