import { describe, expect, it } from 'vitest';

import type { KubeObject } from '../../api/object.ts';
import { setEventsV1EventDefaults } from './events.ts';

describe('setEventsV1EventDefaults', () => {
  it('writes empty structs and null timestamps for unset fields', () => {
    const event: KubeObject = { metadata: { name: 'e' }, eventTime: '2024-05-01T10:00:00.000000Z', note: 'n' };
    setEventsV1EventDefaults(event);
    expect(event).toEqual({
      metadata: { name: 'e' },
      eventTime: '2024-05-01T10:00:00.000000Z',
      note: 'n',
      regarding: {},
      deprecatedSource: {},
      deprecatedFirstTimestamp: null,
      deprecatedLastTimestamp: null,
    });
  });
});
