import { describe, expect, it } from 'vitest';
import { validateEvent } from './event.ts';

describe('core/v1 Events', () => {
  it('accepts an event about an object in its namespace', () => {
    expect(
      validateEvent({
        metadata: { namespace: 'dev' },
        involvedObject: { kind: 'Pod', namespace: 'dev', name: 'web' },
        reason: 'Started',
      }),
    ).toEqual([]);
  });

  it('refuses an event about an object in another namespace', () => {
    expect(
      validateEvent({ metadata: { namespace: 'dev' }, involvedObject: { namespace: 'prod' } }).map(String),
    ).toEqual(['involvedObject.namespace: Invalid value: "prod": does not match event.namespace']);
  });

  it('requires the reporting fields of events with an eventTime', () => {
    expect(
      validateEvent({
        metadata: { namespace: 'default' },
        eventTime: '2024-01-01T00:00:00.000000Z',
        involvedObject: {},
      }).map(String),
    ).toEqual([
      'reportingComponent: Required value',
      expect.stringMatching(/^reportingComponent: Invalid value: "": name part must be non-empty/) as unknown as string,
      expect.stringMatching(/^reportingComponent: Invalid value: "": name part must consist of/) as unknown as string,
      'reportingInstance: Required value',
      'action: Required value',
      'reason: Required value',
    ]);
  });
});
