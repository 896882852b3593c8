import { describe, expect, it } from 'vitest';

import { FieldError } from '../../errors/field-error.ts';
import type { Json } from '../access.ts';
import {
  validateCustomResourceDefinition,
  validateCustomResourceDefinitionStatusUpdate,
  validateCustomResourceDefinitionUpdate,
} from './crd.ts';

/** Messages with composite bad values masked as "…", so they do not depend on how Go literals are rendered. */
const messages = (errs: FieldError[]): string[] =>
  errs.map((e) =>
    String(
      typeof e.badValue === 'object' && e.badValue !== null ? new FieldError(e.type, e.field, '…', e.detail, false) : e,
    ),
  );

const schema = (
  properties: Json = {
    spec: { type: 'object', properties: { cronSpec: { type: 'string' }, replicas: { type: 'integer' } } },
  },
): Json => ({
  openAPIV3Schema: { type: 'object', properties },
});

/** The CronTab CRD of the Kubernetes docs, as stored after defaulting and PrepareForCreate. */
function crd(spec: Json = {}, extra: Json = {}): Json {
  return {
    metadata: { name: 'crontabs.stable.example.com' },
    spec: {
      group: 'stable.example.com',
      scope: 'Namespaced',
      names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList', shortNames: ['ct'] },
      versions: [{ name: 'v1', served: true, storage: true, schema: schema() }],
      conversion: { strategy: 'None' },
      ...spec,
    },
    status: { conditions: null, acceptedNames: { plural: '', kind: '' }, storedVersions: ['v1'] },
    ...extra,
  };
}

const version = (name: string, fields: Json = {}): Json => ({
  name,
  served: true,
  storage: false,
  schema: schema(),
  ...fields,
});

describe('validateCustomResourceDefinition', () => {
  const cases: [string, Json, string[]][] = [
    ['accepts the CronTab example', crd(), []],
    [
      'requires the name to be plural.group',
      { ...crd(), metadata: { name: 'crontab.stable.example.com' } },
      ['metadata.name: Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group'],
    ],
    [
      'requires a group with a dot',
      crd({ group: 'example' }, { metadata: { name: 'crontabs.example' } }),
      ['spec.group: Invalid value: "example": should be a domain with at least one dot'],
    ],
    [
      'requires a scope',
      crd({ scope: 'Global' }),
      ['spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"'],
    ],
    [
      'requires a schema for every version',
      crd({ versions: [{ name: 'v1', served: true, storage: true }] }),
      ['spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required'],
    ],
    [
      'reports an untyped field at the hoisted path a real cluster uses',
      crd({
        versions: [
          version('v1', { storage: true, schema: schema({ spec: { type: 'object', properties: { replicas: {} } } }) }),
        ],
      }),
      [
        'spec.validation.openAPIV3Schema.properties[spec].properties[replicas].type: Required value: must not be empty for specified object fields',
      ],
    ],
    [
      'reports per-version paths when versions differ',
      crd({ versions: [version('v1', { storage: true }), version('v2', { schema: schema({ spec: {} }) })] }),
      [
        'spec.versions[1].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields',
      ],
    ],
    [
      'requires exactly one storage version',
      crd({ versions: [version('v1'), version('v2')] }),
      ['spec.versions: Invalid value: "…": must have exactly one version marked as storage version'],
    ],
    [
      'rejects duplicate version names',
      crd({ versions: [version('v1', { storage: true }), version('v1')] }),
      ['spec.versions: Invalid value: "…": must contain unique version names'],
    ],
    [
      'rejects a version name that is not a DNS-1035 label',
      crd({ versions: [version('V1', { storage: true })] }, { status: { storedVersions: ['V1'] } }),
      [
        "spec.versions[0].name: Invalid value: \"V1\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        "spec.version: Invalid value: \"V1\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    [
      'requires names',
      crd({ names: { plural: 'crontabs' } }),
      ['spec.names.singular: Required value', 'spec.names.kind: Required value', 'spec.names.listKind: Required value'],
    ],
    [
      'rejects a root that is not an object',
      crd({
        versions: [
          version('v1', { storage: true, schema: { openAPIV3Schema: { type: 'array', items: { type: 'string' } } } }),
        ],
      }),
      ['spec.validation.openAPIV3Schema.type: Invalid value: "array": must be object at the root'],
    ],
    [
      'forbids restricting metadata beyond name',
      crd({
        versions: [
          version('v1', {
            storage: true,
            schema: schema({ metadata: { type: 'object', properties: { labels: { type: 'object' } } } }),
          }),
        ],
      }),
      [
        'spec.validation.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified',
      ],
    ],
    [
      'forbids $ref',
      crd({ versions: [version('v1', { storage: true, schema: schema({ spec: { $ref: '#/definitions/Spec' } }) })] }),
      ['spec.validation.openAPIV3Schema.properties[spec].$ref: Forbidden: $ref is not supported'],
    ],
    [
      'forbids types inside anyOf',
      crd({
        versions: [
          version('v1', { storage: true, schema: schema({ spec: { type: 'object', anyOf: [{ type: 'object' }] } }) }),
        ],
      }),
      ['spec.validation.openAPIV3Schema.properties[spec].anyOf[0].type: Forbidden: must be empty to be structural'],
    ],
    [
      'requires value validations to name declared fields',
      crd({
        versions: [
          version('v1', {
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', anyOf: [{ properties: { spec: {} } }] } },
          }),
        ],
      }),
      [
        'spec.validation.openAPIV3Schema.properties[spec]: Required value: because it is defined in spec.validation.openAPIV3Schema.anyOf[0].properties[spec]',
      ],
    ],
    [
      'forbids uniqueItems',
      crd({
        versions: [
          version('v1', {
            storage: true,
            schema: schema({ tags: { type: 'array', items: { type: 'string' }, uniqueItems: true } }),
          }),
        ],
      }),
      [
        'spec.validation.openAPIV3Schema.properties[tags].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
      ],
    ],
    [
      'requires map keys for a map list',
      crd({
        versions: [
          version('v1', {
            storage: true,
            schema: schema({
              ports: {
                type: 'array',
                'x-kubernetes-list-type': 'map',
                items: { type: 'object', properties: { name: { type: 'string' } } },
              },
            }),
          }),
        ],
      }),
      [
        'spec.validation.openAPIV3Schema.properties[ports].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map',
      ],
    ],
    [
      'keeps the status root to the allowed fields',
      crd({
        versions: [
          version('v1', {
            storage: true,
            subresources: { status: {} },
            schema: {
              openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, nullable: true },
            },
          }),
        ],
      }),
      [
        'spec.validation.openAPIV3Schema: Invalid value: "…": only [Description Type Format Title Maximum ExclusiveMaximum Minimum ExclusiveMinimum MaxLength MinLength Pattern MaxItems MinItems UniqueItems MultipleOf Required Items Properties ExternalDocs Example XPreserveUnknownFields XValidations] fields are allowed at the root of the schema if the status subresource is enabled',
        'spec.validation.openAPIV3Schema.nullable: Forbidden: nullable cannot be true at the root',
      ],
    ],
    [
      'checks the scale sub-resource paths',
      crd({
        versions: [
          version('v1', {
            storage: true,
            subresources: { scale: { specReplicasPath: '.status.replicas', statusReplicasPath: '' } },
          }),
        ],
      }),
      [
        'spec.subresources.scale.specReplicasPath: Invalid value: ".status.replicas": should be a json path under .spec',
        'spec.subresources.scale.statusReplicasPath: Required value',
      ],
    ],
    [
      'checks printer columns',
      crd({
        versions: [
          version('v1', {
            storage: true,
            additionalPrinterColumns: [{ name: 'Spec', type: 'text', jsonPath: 'spec.cronSpec' }],
          }),
        ],
      }),
      [
        'spec.additionalPrinterColumns[0].type: Invalid value: "text": must be one of boolean,date,integer,number,string',
        'spec.additionalPrinterColumns[0].JSONPath: Invalid value: "spec.cronSpec": must be a simple json path starting with .',
      ],
    ],
    [
      'requires a client config for webhook conversion',
      crd({ conversion: { strategy: 'Webhook' } }),
      [
        'spec.conversion.webhookClientConfig: Required value: required when strategy is set to Webhook',
        'spec.conversion.conversionReviewVersions: Required value',
      ],
    ],
    [
      'refuses preserveUnknownFields in v1',
      crd({ preserveUnknownFields: true }),
      [
        'spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead',
      ],
    ],
    [
      'asks protected groups for an API approval',
      crd({ group: 'stable.k8s.io' }, { metadata: { name: 'crontabs.stable.k8s.io' } }),
      [
        'metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
      ],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(messages(validateCustomResourceDefinition(obj))).toEqual(expected);
  });

  it('needs a stored version', () => {
    expect(messages(validateCustomResourceDefinition(crd({}, { status: { storedVersions: [] } })))).toEqual([
      'status.storedVersions: Invalid value: "…": must have at least one stored version',
    ]);
  });

  it('accepts a protected group with an approval link or an unapproved reason', () => {
    for (const value of ['https://github.com/kubernetes/enhancements/pull/1111', 'unapproved, experimental']) {
      expect(
        validateCustomResourceDefinition(
          crd(
            { group: 'x.k8s.io' },
            { metadata: { name: 'crontabs.x.k8s.io', annotations: { 'api-approved.kubernetes.io': value } } },
          ),
        ),
      ).toEqual([]);
    }
  });

  it('accepts int-or-string fields, embedded resources and preserved unknown fields', () => {
    const properties = {
      port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
      template: {
        type: 'object',
        'x-kubernetes-embedded-resource': true,
        'x-kubernetes-preserve-unknown-fields': true,
      },
      config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
    };
    expect(
      validateCustomResourceDefinition(
        crd({ versions: [version('v1', { storage: true, schema: schema(properties) })] }),
      ),
    ).toEqual([]);
  });
});

describe('validateCustomResourceDefinitionUpdate', () => {
  const established = {
    conditions: [{ type: 'Established', status: 'True' }],
    acceptedNames: { plural: 'crontabs', kind: 'CronTab' },
    storedVersions: ['v1'],
  };

  it('refuses to change the group or the plural', () => {
    const changed = crd(
      { names: { plural: 'crons', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList' } },
      { metadata: { name: 'crons.stable.example.com' } },
    );
    expect(messages(validateCustomResourceDefinitionUpdate(changed, crd()))).toEqual([
      'spec.names.plural: Invalid value: "crons": field is immutable',
    ]);
  });

  it('fixes the scope once the CRD is established', () => {
    expect(
      messages(
        validateCustomResourceDefinitionUpdate(
          crd({ scope: 'Cluster' }, { status: established }),
          crd({}, { status: established }),
        ),
      ),
    ).toEqual(['spec.scope: Invalid value: "Cluster": field is immutable']);
    expect(validateCustomResourceDefinitionUpdate(crd({ scope: 'Cluster' }), crd())).toEqual([]);
  });

  it('keeps accepting a legacy CRD that preserves unknown fields and has no schema', () => {
    const old = crd({ preserveUnknownFields: true, versions: [{ name: 'v1', served: true, storage: true }] });
    expect(messages(validateCustomResourceDefinitionUpdate(old, old))).toEqual([]);
  });

  it('still requires a schema for a served version once fields are pruned', () => {
    const old = crd({ versions: [{ name: 'v1', served: true, storage: true }] });
    expect(messages(validateCustomResourceDefinitionUpdate(old, old))).toEqual([
      'spec.versions[0].schema.openAPIV3Schema: Required value: because otherwise all fields are pruned',
    ]);
  });

  it('checks accepted names written to status', () => {
    expect(
      messages(
        validateCustomResourceDefinitionStatusUpdate({
          status: { acceptedNames: { plural: 'Cron_Tabs', kind: 'CronTab', listKind: 'CronTab' } },
        }),
      ),
    ).toEqual([
      expect.stringMatching(
        /^status\.acceptedNames\.plural: Invalid value: "Cron_Tabs": a DNS-1035 label/,
      ) as unknown as string,
      'status.acceptedNames.listKind: Invalid value: "CronTab": kind and listKind may not be the same',
    ]);
  });
});
