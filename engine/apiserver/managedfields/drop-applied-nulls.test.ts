import { describe, expect, test } from 'vitest';
import { dropAppliedNulls } from './drop-applied-nulls.ts';
import { widgetType } from './test-schema.ts';

describe('dropAppliedNulls', () => {
  test.each([
    [
      'drops a null the configuration put on a field',
      { metadata: { annotations: null, name: 'w' } },
      { metadata: { annotations: null } },
      { metadata: { name: 'w' } },
    ],
    [
      'drops nulls inside list items matched by key',
      { spec: { containers: [{ name: 'a', image: null }] } },
      { spec: { containers: [{ name: 'a', image: null }] } },
      { spec: { containers: [{ name: 'a' }] } },
    ],
    [
      'keeps nulls the configuration did not write',
      { metadata: { annotations: null } },
      { metadata: { name: 'w' } },
      { metadata: { annotations: null } },
    ],
    [
      'keeps values where the configuration had null but the merge kept more',
      { spec: { replicas: 2 } },
      { spec: { replicas: null } },
      { spec: { replicas: 2 } },
    ],
  ])('%s', (_name, object, config, expected) => {
    dropAppliedNulls(object, config, widgetType);
    expect(object).toEqual(expected);
  });
});
