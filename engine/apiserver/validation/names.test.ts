import { describe, expect, it } from 'vitest';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSSubdomain,
} from './names.ts';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QNAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('DNS names', () => {
  it.each([
    ['a simple subdomain is valid', isDNS1123Subdomain, 'example.com', []],
    ['upper case letters make a subdomain invalid', isDNS1123Subdomain, 'Example', [SUBDOMAIN_MSG]],
    [
      'a subdomain longer than 253 characters is too long',
      isDNS1123Subdomain,
      'a'.repeat(254),
      ['must be no more than 253 characters'],
    ],
    ['a label may not contain dots', isDNS1123Label, 'a.b', ['must not contain dots']],
    ['a label may not end with a dash', isDNS1123Label, 'web-', [LABEL_MSG]],
    ['a label of 64 characters is too long', isDNS1123Label, 'a'.repeat(64), ['must be no more than 63 characters']],
    ['a DNS-1035 label must start with a letter', isDNS1035Label, '1web', [DNS1035_MSG]],
    ['a DNS-1035 label may contain digits after the first letter', isDNS1035Label, 'web-1', []],
  ])('%s', (_name, check, value, expected) => {
    expect(check(value)).toEqual(expected);
  });

  it('words the subdomain message exactly as kubectl users see it', () => {
    expect(isDNS1123Subdomain('My_App')[0]).toContain("(e.g. 'example.com', regex used for validation is");
  });
});

describe('qualified names and label values', () => {
  it.each([
    ['a plain name is valid', 'app', []],
    ['a prefixed name is valid', 'app.kubernetes.io/name', []],
    ['an empty name part is reported', 'example.com/', ['name part must be non-empty', QNAME_MSG]],
    ['an empty prefix is reported', '/name', ['prefix part must be non-empty']],
    [
      'more than one slash is reported as a whole',
      'a/b/c',
      [expect.stringContaining("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")],
    ],
    ['a name part over 63 characters is too long', 'a'.repeat(64), ['name part must be no more than 63 characters']],
  ])('%s', (_name, value, expected) => {
    expect(isQualifiedName(value)).toEqual(expected);
  });

  it.each([
    ['an empty label value is valid', '', []],
    ['a label value may not start with a dash', '-x', [LABEL_VALUE_MSG]],
    ['a label value over 63 characters is too long', 'v'.repeat(64), ['must be no more than 63 characters']],
  ])('%s', (_name, value, expected) => {
    expect(isValidLabelValue(value)).toEqual(expected);
  });
});

describe('name validators', () => {
  it('allows a generateName prefix to end with a dash', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
  });
  it('refuses a full name ending with a dash', () => {
    expect(nameIsDNSSubdomain('web-', false)).toEqual([SUBDOMAIN_MSG]);
  });
});
