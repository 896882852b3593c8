import { describe, expect, it } from 'vitest';

import { FieldError } from '../../errors/field-error.ts';
import type { Json } from '../access.ts';
import {
  validateMutatingWebhookConfiguration,
  validateValidatingWebhookConfiguration,
  validateValidatingWebhookConfigurationUpdate,
} from './webhooks.ts';

/** Messages with composite bad values masked as "…", so they do not depend on how Go literals are rendered. */
const messages = (errs: FieldError[]): string[] =>
  errs.map((e) =>
    String(
      typeof e.badValue === 'object' && e.badValue !== null ? new FieldError(e.type, e.field, '…', e.detail, false) : e,
    ),
  );

const hook = (fields: Json = {}): Json => ({
  name: 'pods.validate.example.com',
  clientConfig: { service: { namespace: 'ns', name: 'svc', port: 443 } },
  rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: '*' }],
  failurePolicy: 'Fail',
  sideEffects: 'None',
  admissionReviewVersions: ['v1'],
  timeoutSeconds: 10,
  ...fields,
});
const config = (...webhooks: Json[]): Json => ({ metadata: { name: 'c' }, webhooks });

describe('validateValidatingWebhookConfiguration', () => {
  const cases: [string, Json, string[]][] = [
    ['accepts a service webhook', config(hook()), []],
    [
      'requires a name of three segments',
      config(hook({ name: 'validate.example' })),
      [
        'webhooks[0].name: Invalid value: "validate.example": should be a domain with at least three segments separated by dots',
      ],
    ],
    [
      'requires side effects',
      config(hook({ sideEffects: undefined })),
      ['webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun'],
    ],
    [
      'rejects side effects other than None or NoneOnDryRun',
      config(hook({ sideEffects: 'Some' })),
      ['webhooks[0].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"'],
    ],
    [
      'bounds the timeout',
      config(hook({ timeoutSeconds: 60 })),
      ['webhooks[0].timeoutSeconds: Invalid value: 60: the timeout value must be between 1 and 30 seconds'],
    ],
    [
      'requires exactly one of URL and service',
      config(hook({ clientConfig: {} })),
      ['webhooks[0].clientConfig: Required value: exactly one of url or service is required'],
    ],
    [
      'requires an https URL',
      config(hook({ clientConfig: { url: 'http://hook.example.com/v' } })),
      [
        'webhooks[0].clientConfig.url: Invalid value: "http": \'https\' is the only allowed URL scheme; desired format: https://host[/path]',
      ],
    ],
    [
      'requires a known review version',
      config(hook({ admissionReviewVersions: ['v2'] })),
      ['webhooks[0].admissionReviewVersions: Invalid value: "…": must include at least one of v1, v1beta1'],
    ],
    [
      'rejects duplicate webhook names',
      config(hook(), hook()),
      ['webhooks[1].name: Duplicate value: "pods.validate.example.com"'],
    ],
    [
      'rejects other operations next to a wildcard',
      config(
        hook({ rules: [{ operations: ['*', 'CREATE'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*'] }] }),
      ),
      ['webhooks[0].rules[0].operations: Invalid value: "…": if \'*\' is present, must not specify other operations'],
    ],
    [
      'rejects an unknown operation and scope',
      config(
        hook({
          rules: [{ operations: ['PATCH'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: 'Node' }],
        }),
      ),
      [
        'webhooks[0].rules[0].operations[0]: Unsupported value: "PATCH": supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE"',
        'webhooks[0].rules[0].scope: Unsupported value: "Node": supported values: "*", "Cluster", "Namespaced"',
      ],
    ],
    [
      'rejects other resources next to */*',
      config(
        hook({ rules: [{ operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*/*', 'pods'] }] }),
      ),
      ['webhooks[0].rules[0].resources: Invalid value: "…": if \'*/*\' is present, must not specify other resources'],
    ],
    [
      'requires match condition names and expressions',
      config(hook({ matchConditions: [{ name: '', expression: ' ' }] })),
      [
        'webhooks[0].matchConditions[0].expression: Required value',
        'webhooks[0].matchConditions[0].name: Required value',
      ],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(messages(validateValidatingWebhookConfiguration(obj))).toEqual(expected);
  });

  it('checks the reinvocation policy of mutating webhooks', () => {
    expect(validateMutatingWebhookConfiguration(config(hook({ reinvocationPolicy: 'Always' }))).map(String)).toEqual([
      'webhooks[0].reinvocationPolicy: Unsupported value: "Always": supported values: "IfNeeded", "Never"',
    ]);
  });

  it('keeps accepting side effects a stored configuration already declared', () => {
    const old = config(hook({ sideEffects: 'Unknown' }));
    expect(validateValidatingWebhookConfigurationUpdate(old, old)).toEqual([]);
  });
});
