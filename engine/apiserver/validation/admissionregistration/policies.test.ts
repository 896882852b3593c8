import { describe, expect, it } from 'vitest';

import { FieldError } from '../../errors/field-error.ts';
import type { Json } from '../access.ts';
import {
  validateValidatingAdmissionPolicy,
  validateValidatingAdmissionPolicyBinding,
  validateValidatingAdmissionPolicyStatus,
} from './policies.ts';

/** Messages with composite bad values masked as "…", so they do not depend on how Go literals are rendered. */
const messages = (errs: FieldError[]): string[] =>
  errs.map((e) =>
    String(
      typeof e.badValue === 'object' && e.badValue !== null ? new FieldError(e.type, e.field, '…', e.detail, false) : e,
    ),
  );

const constraints = {
  matchPolicy: 'Equivalent',
  namespaceSelector: {},
  objectSelector: {},
  resourceRules: [
    {
      operations: ['CREATE', 'UPDATE'],
      apiGroups: ['apps'],
      apiVersions: ['v1'],
      resources: ['deployments'],
      scope: '*',
    },
  ],
};
const policy = (spec: Json): Json => ({
  metadata: { name: 'replicas.example.com' },
  spec: {
    failurePolicy: 'Fail',
    matchConstraints: constraints,
    validations: [{ expression: 'object.spec.replicas <= 5' }],
    ...spec,
  },
});

describe('validateValidatingAdmissionPolicy', () => {
  const cases: [string, Json, string[]][] = [
    ['accepts a policy with a validation', policy({}), []],
    ['requires match constraints', policy({ matchConstraints: undefined }), ['spec.matchConstraints: Required value']],
    [
      'requires a resource rule',
      policy({ matchConstraints: { ...constraints, resourceRules: [] } }),
      ['spec.matchConstraints.resourceRules: Required value'],
    ],
    [
      'requires validations or audit annotations',
      policy({ validations: [] }),
      [
        'spec.validations: Required value: validations or auditAnnotations must contain at least one item',
        'spec.auditAnnotations: Required value: validations or auditAnnotations must contain at least one item',
      ],
    ],
    [
      'requires an expression',
      policy({ validations: [{ message: 'too many' }] }),
      ['spec.validations[0].expression: Required value: expression is not specified'],
    ],
    [
      'rejects an unknown reason',
      policy({ validations: [{ expression: 'true', reason: 'Conflict' }] }),
      [
        'spec.validations[0].reason: Unsupported value: "Conflict": supported values: "Forbidden", "Invalid", "RequestEntityTooLarge"',
      ],
    ],
    [
      'requires a param kind with a version',
      policy({ paramKind: { apiVersion: 'example.com/', kind: 'Params' } }),
      ['spec.paramKind.apiVersion: Invalid value: "example.com/": version must be specified'],
    ],
    [
      'rejects a variable name that is not a CEL identifier',
      policy({ variables: [{ name: 'in', expression: '1' }] }),
      ['spec.variables[0].name: Invalid value: "in": name is not a valid CEL identifier'],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(messages(validateValidatingAdmissionPolicy(obj))).toEqual(expected);
  });

  it('checks status conditions', () => {
    expect(
      messages(
        validateValidatingAdmissionPolicyStatus({
          status: { conditions: [{ type: 'Ready', status: 'Yes', lastTransitionTime: 't', reason: 'R' }] },
        }),
      ),
    ).toEqual(['status.conditions[0].status: Unsupported value: "Yes": supported values: "False", "True", "Unknown"']);
  });
});

describe('validateValidatingAdmissionPolicyBinding', () => {
  const binding = (spec: Json): Json => ({
    metadata: { name: 'b' },
    spec: { policyName: 'replicas.example.com', validationActions: ['Deny'], ...spec },
  });
  const cases: [string, Json, string[]][] = [
    ['accepts a binding without parameters', binding({}), []],
    ['requires a policy name', binding({ policyName: '' }), ['spec.policyName: Required value']],
    [
      'requires a validation action',
      binding({ validationActions: [] }),
      ['spec.validationActions: Required value: at least one validation action is required'],
    ],
    [
      'rejects Deny with Warn',
      binding({ validationActions: ['Deny', 'Warn'] }),
      [
        'spec.validationActions: Invalid value: "…": must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
      ],
    ],
    [
      'rejects a parameter reference by name and selector',
      binding({ paramRef: { name: 'p', selector: {}, parameterNotFoundAction: 'Deny' } }),
      [
        'spec.paramRef.name: Forbidden: name and selector are mutually exclusive',
        'spec.paramRef.selector: Forbidden: name and selector are mutually exclusive',
      ],
    ],
    [
      "reports match resources at upstream's misspelt path",
      binding({ matchResources: { namespaceSelector: {}, objectSelector: {} } }),
      ['spec.matchResouces.matchPolicy: Required value'],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(messages(validateValidatingAdmissionPolicyBinding(obj))).toEqual(expected);
  });
});
