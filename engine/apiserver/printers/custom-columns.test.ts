import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import type { AdditionalPrinterColumn } from './custom-columns.ts';
import { printerForCustomResource } from './custom-columns.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

const certificate: KubeObject = {
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'web-tls', namespace: 'default', creationTimestamp: '2025-03-01T11:55:00Z' },
  spec: {
    secretName: 'web-tls',
    dnsNames: ['example.com', 'www.example.com'],
    duration: 2160,
    ratio: 0.75,
    issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
    nothing: null,
  },
  status: {
    conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2025-02-27T12:00:00Z' }],
    notAfter: '2025-05-30T12:00:00Z',
    renewed: true,
    broken: 'yesterday',
  },
};

const column = (name: string, type: AdditionalPrinterColumn['type'], jsonPath: string): AdditionalPrinterColumn => ({
  name,
  type,
  jsonPath,
});

describe('printerForCustomResource', () => {
  it('serves Name and Age when the CRD declares no columns', () => {
    const printer = printerForCustomResource(undefined);
    expect(printer.columns.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Age', 'date', '', 0],
    ]);
    expect(printer.row(certificate, NOW)).toEqual(['web-tls', '5m']);
  });

  it('serves Name and Age for an empty column list too', () => {
    expect(printerForCustomResource([]).columns.map((c) => c.name)).toEqual(['Name', 'Age']);
  });

  it('adds no Age column when the CRD declares columns of its own', () => {
    const printer = printerForCustomResource([column('Secret', 'string', '.spec.secretName')]);
    expect(printer.columns.map((c) => c.name)).toEqual(['Name', 'Secret']);
  });

  it('keeps the format, priority and description a column declares', () => {
    const printer = printerForCustomResource([
      { name: 'Issuer', type: 'string', format: 'name', priority: 1, description: 'The issuer.', jsonPath: '.spec.x' },
    ]);
    expect(printer.columns[1]).toEqual({
      name: 'Issuer',
      type: 'string',
      format: 'name',
      description: 'The issuer.',
      priority: 1,
    });
  });

  it('stops at the first column whose JSONPath does not parse, as upstream does', () => {
    const printer = printerForCustomResource([
      column('Ready', 'string', '.status.conditions[?(@.type=="Ready")].status'),
      column('Broken', 'string', '.spec[0'),
      column('Secret', 'string', '.spec.secretName'),
    ]);
    expect(printer.columns.map((c) => c.name)).toEqual(['Name', 'Ready']);
    expect(printer.row(certificate, NOW)).toEqual(['web-tls', 'True']);
  });

  it.each([
    ['a string field', column('Secret', 'string', '.spec.secretName'), 'web-tls'],
    [
      'a condition picked by a filter',
      column('Ready', 'string', '.status.conditions[?(@.type=="Ready")].status'),
      'True',
    ],
    [
      'a list as JSON in a string column',
      column('DNS', 'string', '.spec.dnsNames'),
      '["example.com","www.example.com"]',
    ],
    [
      'a map as JSON with sorted keys',
      column('Issuer', 'string', '.spec.issuerRef'),
      '{"kind":"ClusterIssuer","name":"letsencrypt"}',
    ],
    ['the first of several results', column('First', 'string', '.spec.dnsNames[*]'), 'example.com'],
    ['a number as text in a string column', column('Ratio', 'string', '.spec.ratio'), '0.75'],
    ['a boolean as text in a string column', column('Renewed', 'string', '.status.renewed'), 'true'],
    ['a null value as <no value>', column('Nothing', 'string', '.spec.nothing'), '<no value>'],
    ['a missing field as an empty cell', column('Missing', 'string', '.spec.missing'), null],
    ['an index out of range as an empty cell', column('Third', 'string', '.spec.dnsNames[2]'), null],
    ['an integer column', column('Duration', 'integer', '.spec.duration'), 2160],
    ['a float truncated in an integer column', column('Ratio', 'integer', '.spec.ratio'), 0],
    ['a number column', column('Ratio', 'number', '.spec.ratio'), 0.75],
    ['a boolean column', column('Renewed', 'boolean', '.status.renewed'), true],
    ['a string in a boolean column as an empty cell', column('Secret', 'boolean', '.spec.secretName'), null],
    ['a list in an integer column as an empty cell', column('DNS', 'integer', '.spec.dnsNames'), null],
    ['a date column as an age', column('Since', 'date', '.status.conditions[0].lastTransitionTime'), '2d'],
    ['a date in the future as <invalid>', column('Expires', 'date', '.status.notAfter'), '<invalid>'],
    ['a malformed date as <invalid>', column('Broken', 'date', '.status.broken'), '<invalid>'],
    ['a number in a date column as an empty cell', column('Duration', 'date', '.spec.duration'), null],
  ])('prints %s', (_name, declared, want) => {
    const printer = printerForCustomResource([declared]);
    expect(printer.row(certificate, NOW)).toEqual(['web-tls', want]);
  });
});
