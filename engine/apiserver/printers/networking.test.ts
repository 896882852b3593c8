import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { networkingPrinters } from './networking.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

const object = (kind: string, spec: object, status: object = {}): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind,
  metadata: { name: 'web', namespace: 'default', creationTimestamp: '2015-03-04T12:00:00Z' },
  spec,
  status,
});

const printer = (kind: string) => {
  const found = networkingPrinters[kind];
  if (!found) throw new Error(`no printer for ${kind}`);
  return found;
};

const rule = (host?: string) => ({ ...(host ? { host } : {}), http: { paths: [] } });

describe('networkingPrinters', () => {
  it.each([
    ['Ingress', ['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age']],
    ['IngressClass', ['Name', 'Controller', 'Parameters', 'Age']],
    ['NetworkPolicy', ['Name', 'Pod-Selector', 'Age']],
  ])('declares the columns of a %s', (kind, names) => {
    expect(printer(kind).columns.map((c) => c.name)).toEqual(names);
  });

  it.each([
    [
      'an ingress with a default backend and a load balancer',
      object(
        'Ingress',
        { ingressClassName: 'nginx', defaultBackend: { service: { name: 'web', port: { number: 80 } } } },
        { loadBalancer: { ingress: [{ ip: '2.3.4.5', hostname: 'localhost.localdomain' }] } },
      ),
      ['web', 'nginx', '*', '2.3.4.5', '80', '10y'],
    ],
    [
      'an ingress with TLS and more than three rules',
      object('Ingress', {
        rules: [rule('a.io'), rule(), rule('b.io'), rule('c.io'), rule('d.io')],
        tls: [{ hosts: ['a.io'] }],
      }),
      ['web', '<none>', 'a.io,b.io,c.io + 2 more...', '', '80, 443', '10y'],
    ],
    [
      'an ingress class with parameters in an API group',
      object('IngressClass', {
        controller: 'example.com/controller',
        parameters: { apiGroup: 'example.com', kind: 'IngressParameters', name: 'external' },
      }),
      ['web', 'example.com/controller', 'IngressParameters.example.com/external', '10y'],
    ],
    [
      'an ingress class with core parameters',
      object('IngressClass', { controller: 'k8s.io/ingress-nginx', parameters: { kind: 'ConfigMap', name: 'cfg' } }),
      ['web', 'k8s.io/ingress-nginx', 'ConfigMap/cfg', '10y'],
    ],
    [
      'an ingress class without parameters',
      object('IngressClass', { controller: 'k8s.io/ingress-nginx' }),
      ['web', 'k8s.io/ingress-nginx', '<none>', '10y'],
    ],
    [
      'a policy for every pod',
      object('NetworkPolicy', { podSelector: {}, policyTypes: ['Ingress'] }),
      ['web', '<none>', '10y'],
    ],
    [
      'a policy for some pods',
      object('NetworkPolicy', {
        podSelector: { matchLabels: { role: 'db' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      }),
      ['web', 'role=db,tier', '10y'],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(printer(obj.kind ?? '').row(obj, NOW)).toEqual(want);
  });
});
