import { describe, expect, it } from 'vitest';

import { isValidPathSegmentName } from './path-segment-name.ts';

describe('isValidPathSegmentName', () => {
  const cases: [string, string, string[]][] = [
    ['accepts names with colons and capitals', 'system:Node-Reader', []],
    ["rejects '.'", '.', ["may not be '.'"]],
    ["rejects '..'", '..', ["may not be '..'"]],
    ['rejects a slash and a percent sign together', 'a/b%c', ["may not contain '/'", "may not contain '%'"]],
  ];
  it.each(cases)('%s', (_name, value, expected) => {
    expect(isValidPathSegmentName(value)).toEqual(expected);
  });
});
