import { describe, expect, it } from 'vitest';

import type { Json } from './access.ts';
import {
  ingressWarnings,
  validateIngress,
  validateIngressClass,
  validateIngressClassUpdate,
  validateIngressStatusUpdate,
  validateIngressUpdate,
  validateNetworkPolicy,
  validateNetworkPolicyUpdate,
} from './networking.ts';

const messages = (errs: { toString(): string }[]): string[] => errs.map(String);

const backend = { service: { name: 'web', port: { number: 80 } } };
const ingress = (spec: Json, annotations?: Record<string, string>): Json => ({
  metadata: { name: 'i', namespace: 'default', annotations },
  spec,
});
const rule = (path: Json, host?: string): Json => ({ host, http: { paths: [path] } });

describe('validateIngress', () => {
  const cases: [string, Json, string[]][] = [
    [
      'accepts a prefix rule with a service backend',
      ingress({ rules: [rule({ path: '/', pathType: 'Prefix', backend })] }),
      [],
    ],
    ['accepts only a default backend', ingress({ defaultBackend: backend }), []],
    [
      'requires rules or a default backend',
      ingress({}),
      ['spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified'],
    ],
    [
      'requires a path type',
      ingress({ rules: [rule({ path: '/', backend })] }),
      ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified'],
    ],
    [
      'rejects an unknown path type',
      ingress({ rules: [rule({ path: '/', pathType: 'Regex', backend })] }),
      [
        'spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
      ],
    ],
    [
      'rejects a relative prefix path',
      ingress({ rules: [rule({ path: 'api', pathType: 'Prefix', backend })] }),
      ['spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path'],
    ],
    [
      'rejects double slashes and dot suffixes',
      ingress({ rules: [rule({ path: '/a//b/.', pathType: 'Exact', backend })] }),
      [
        'spec.rules[0].http.paths[0].path: Invalid value: "/a//b/.": must not contain \'//\'',
        'spec.rules[0].http.paths[0].path: Invalid value: "/a//b/.": cannot end with \'/.\'',
      ],
    ],
    [
      'requires paths in an http rule',
      ingress({ rules: [{ http: { paths: [] } }] }),
      ['spec.rules[0].http.paths: Required value'],
    ],
    [
      'rejects an IP address as host',
      ingress({ rules: [rule({ path: '/', pathType: 'Prefix', backend }, '10.0.0.1')] }),
      ['spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address'],
    ],
    [
      'requires a backend port',
      ingress({ defaultBackend: { service: { name: 'web' } } }),
      ['spec.defaultBackend: Required value: port name or number is required'],
    ],
    [
      'rejects a port name and number together',
      ingress({ defaultBackend: { service: { name: 'web', port: { name: 'http', number: 80 } } } }),
      ['spec.defaultBackend: Invalid value: "": cannot set both port name & port number'],
    ],
    [
      'rejects a backend without service or resource',
      ingress({ defaultBackend: {} }),
      ['spec.defaultBackend: Invalid value: "": resource or service backend is required'],
    ],
    [
      'rejects a port number out of range',
      ingress({ defaultBackend: { service: { name: 'web', port: { number: 70000 } } } }),
      ['spec.defaultBackend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ],
    [
      'requires kind and name of a resource backend',
      ingress({ defaultBackend: { resource: { apiGroup: 'k8s.example.com' } } }),
      ['spec.defaultBackend.resource.kind: Required value', 'spec.defaultBackend.resource.name: Required value'],
    ],
    [
      'rejects an invalid TLS secret name',
      ingress({ defaultBackend: backend, tls: [{ hosts: ['*.example.com'], secretName: 'Bad_Name' }] }),
      [
        "spec.tls[0].secretName: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
    [
      'rejects a class annotation that disagrees with ingressClassName',
      ingress({ defaultBackend: backend, ingressClassName: 'nginx' }, { 'kubernetes.io/ingress.class': 'traefik' }),
      [
        'annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified',
      ],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(messages(validateIngress(obj))).toEqual(expected);
  });

  it('keeps accepting an invalid secret name an ingress was stored with', () => {
    const old = ingress({ defaultBackend: backend, tls: [{ secretName: 'Bad_Name' }] });
    expect(validateIngressUpdate(old, old)).toEqual([]);
  });

  it('warns about the deprecated class annotation', () => {
    expect(ingressWarnings(ingress({ defaultBackend: backend }, { 'kubernetes.io/ingress.class': 'nginx' }))).toEqual([
      'annotation "kubernetes.io/ingress.class" is deprecated, please use \'spec.ingressClassName\' instead',
    ]);
  });

  it('checks load balancer addresses written to status', () => {
    const obj = {
      ...ingress({ defaultBackend: backend }),
      status: { loadBalancer: { ingress: [{ ip: 'x' }, { hostname: '1.2.3.4' }] } },
    };
    expect(messages(validateIngressStatusUpdate(obj))).toEqual([
      'status.loadBalancer.ingress[0].ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'status.loadBalancer.ingress[1].hostname: Invalid value: "1.2.3.4": must be a DNS name, not an IP address',
    ]);
  });
});

describe('validateIngressClass', () => {
  const cases: [string, Json, string[]][] = [
    ['accepts a domain-prefixed controller', { spec: { controller: 'k8s.io/ingress-nginx' } }, []],
    ['requires a controller', { spec: {} }, ['spec.controller: Required value']],
    [
      'rejects a controller without a domain',
      { spec: { controller: 'nginx' } },
      ['spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")'],
    ],
    [
      'requires a namespace for namespace-scoped parameters',
      { spec: { controller: 'a.io/c', parameters: { kind: 'P', name: 'p', scope: 'Namespace' } } },
      ["spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'"],
    ],
    [
      'forbids a namespace for cluster-scoped parameters',
      { spec: { controller: 'a.io/c', parameters: { kind: 'P', name: 'p', scope: 'Cluster', namespace: 'x' } } },
      ["spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'"],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(messages(validateIngressClass(obj))).toEqual(expected);
  });

  it('refuses to change the controller', () => {
    expect(
      messages(validateIngressClassUpdate({ spec: { controller: 'a.io/new' } }, { spec: { controller: 'a.io/old' } })),
    ).toEqual(['spec.controller: Invalid value: "a.io/new": field is immutable']);
  });
});

describe('validateNetworkPolicy', () => {
  const policy = (spec: Json): Json => ({ spec: { podSelector: {}, ...spec } });
  const cases: [string, Json, string[]][] = [
    ['accepts a default-deny policy', policy({ policyTypes: ['Ingress'] }), []],
    [
      'accepts an ipBlock with a strict subset except',
      policy({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }] }),
      [],
    ],
    [
      'requires a peer',
      policy({ ingress: [{ from: [{}] }] }),
      ['spec.ingress[0].from[0]: Required value: must specify a peer'],
    ],
    [
      'forbids ipBlock with another peer',
      policy({ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] }),
      ['spec.egress[0].to[0]: Forbidden: may not specify both ipBlock and another peer'],
    ],
    [
      'rejects an invalid CIDR',
      policy({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0' } }] }] }),
      [
        'spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      ],
    ],
    [
      'rejects an except outside the CIDR',
      policy({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.0.0/8'] } }] }] }),
      ['spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.0.0.0/8": must be a strict subset of `cidr`'],
    ],
    [
      'rejects an unknown protocol',
      policy({ ingress: [{ ports: [{ protocol: 'ICMP', port: 80 }] }] }),
      ['spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"'],
    ],
    [
      'rejects an end port below the port',
      policy({ ingress: [{ ports: [{ port: 80, endPort: 70 }] }] }),
      ['spec.ingress[0].ports[0].endPort: Invalid value: 70: must be greater than or equal to `port`'],
    ],
    [
      'rejects an end port with a named port',
      policy({ ingress: [{ ports: [{ port: 'http', endPort: 90 }] }] }),
      ['spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric'],
    ],
    [
      'rejects an unknown policy type',
      policy({ policyTypes: ['Both'] }),
      ['spec.policyTypes[0]: Unsupported value: "Both": supported values: "Ingress", "Egress"'],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(messages(validateNetworkPolicy(obj))).toEqual(expected);
  });

  it('keeps accepting an invalid CIDR the policy was stored with', () => {
    const old = policy({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.1' } }] }] });
    expect(validateNetworkPolicyUpdate(old, old)).toEqual([]);
  });
});
