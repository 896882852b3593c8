import { describe, expect, it } from 'vitest';

import { FieldPath } from '../errors/field-error.ts';
import { validateWebhookService, validateWebhookURL } from './webhook-client.ts';

const path = FieldPath.root('clientConfig');

describe('validateWebhookURL', () => {
  const cases: [string, string, string[]][] = [
    ['accepts an https URL with a path', 'https://hook.example.com:8443/validate', []],
    [
      'rejects plain http',
      'http://hook.example.com',
      [
        'clientConfig: Invalid value: "http": \'https\' is the only allowed URL scheme; desired format: https://host[/path]',
      ],
    ],
    [
      'rejects a URL without a host',
      'hook.example.com',
      [
        'clientConfig: Invalid value: "": \'https\' is the only allowed URL scheme; desired format: https://host[/path]',
        'clientConfig: Invalid value: "": host must be specified; desired format: https://host[/path]',
      ],
    ],
    [
      'rejects user information, fragments and queries',
      'https://u:p@h.example.com/x?a=b#frag',
      [
        'clientConfig: Invalid value: "u:p": user information is not permitted in the URL',
        'clientConfig: Invalid value: "frag": fragments are not permitted in the URL',
        'clientConfig: Invalid value: "a=b": query parameters are not permitted in the URL',
      ],
    ],
  ];
  it.each(cases)('%s', (_name, url, expected) => {
    expect(validateWebhookURL(path, url, true).map(String)).toEqual(expected);
  });
});

describe('validateWebhookService', () => {
  it('accepts a service with a nested path', () => {
    expect(validateWebhookService(path, { namespace: 'ns', name: 'svc', path: '/validate/pods', port: 443 })).toEqual(
      [],
    );
  });
  it('requires a name and namespace and a valid port', () => {
    expect(validateWebhookService(path, { namespace: '', name: '', port: 0 }).map(String)).toEqual([
      'clientConfig.name: Required value: service name is required',
      'clientConfig.namespace: Required value: service namespace is required',
      'clientConfig.port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive',
    ]);
  });
  it('checks the path as Go does, dropping only its first character', () => {
    expect(validateWebhookService(path, { namespace: 'ns', name: 'svc', path: 'a//b', port: 443 }).map(String)).toEqual(
      [
        'clientConfig.path: Invalid value: "a//b": must start with a \'/\'',
        'clientConfig.path: Invalid value: "a//b": segment[0] may not be empty',
        'clientConfig.path: Invalid value: "a//b": segment[1] may not be empty',
      ],
    );
  });
});
