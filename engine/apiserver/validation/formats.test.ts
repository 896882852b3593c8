import { describe, expect, it } from 'vitest';
import {
  isConfigMapKey,
  isEnvVarName,
  isRelaxedEnvVarName,
  isValidPercent,
  isValidPortName,
  isValidPortNum,
} from './formats.ts';

describe('formats', () => {
  it.each([
    ['a dotted config key is valid', isConfigMapKey('app.properties'), []],
    [
      'a config key with a slash is invalid',
      isConfigMapKey('a/b'),
      [
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      ],
    ],
    ['a config key may not be ".."', isConfigMapKey('..'), ["must not be '..'"]],
    ['a config key may not start with ".."', isConfigMapKey('..data'), ["must not start with '..'"]],
    ['a strict env var name may not start with a digit', isEnvVarName('1X').length, 1],
    ['a relaxed env var name may start with a digit', isRelaxedEnvVarName('1X'), []],
    [
      'a relaxed env var name may not contain "="',
      isRelaxedEnvVarName('A=B'),
      ["a valid environment variable name must consist only of printable ASCII characters other than '='"],
    ],
    ['port 0 is out of range', isValidPortNum(0), ['must be between 1 and 65535, inclusive']],
    ['port 65535 is in range', isValidPortNum(65535), []],
    ['a port name needs a letter', isValidPortName('80'), ['must contain at least one letter (a-z)']],
    [
      'a long port name with double hyphens reports both',
      isValidPortName('a--bcdefghijklmno'),
      ['must be no more than 15 characters', 'must not contain consecutive hyphens'],
    ],
    ['25% is a valid percentage', isValidPercent('25%'), []],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});
