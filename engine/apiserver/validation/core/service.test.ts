import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import { setServiceDefaults } from '../../defaults/core.ts';
import { validateService, validateServiceStatusUpdate, validateServiceUpdate } from './service.ts';

function service(spec: Record<string, unknown>, extra: Partial<KubeObject> = {}): KubeObject {
  const obj: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec,
    ...extra,
  };
  setServiceDefaults(obj);
  return obj;
}

const port = { port: 80 };

describe('validateService', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a ClusterIP service with a port', { selector: { app: 'web' }, ports: [port] }],
    ['a headless service without ports', { clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'web' } }],
    ['an ExternalName service', { type: 'ExternalName', externalName: 'db.example.com.' }],
    ['a NodePort service with a node port', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }],
    [
      'named ports',
      {
        ports: [
          { name: 'http', port: 80 },
          { name: 'https', port: 443 },
        ],
      },
    ],
  ])('accepts %s', (_name, spec) => {
    expect(validateService(service(spec)).map(String)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['ports are required', { selector: { app: 'web' } }, ['spec.ports: Required value']],
    [
      'a port must be in range',
      { ports: [{ port: 0 }] },
      [
        'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
        'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
      ],
    ],
    [
      'several ports need names',
      { ports: [{ port: 80 }, { name: 'b', port: 81 }] },
      ['spec.ports[0].name: Required value'],
    ],
    [
      'port names are unique',
      {
        ports: [
          { name: 'a', port: 80 },
          { name: 'a', port: 81 },
        ],
      },
      ['spec.ports[1].name: Duplicate value: "a"'],
    ],
    [
      'port numbers are unique per protocol',
      {
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 80 },
        ],
      },
      ['spec.ports[1]: Duplicate value: map[string]interface {}{"port":80, "protocol":"TCP"}'],
    ],
    [
      'a ClusterIP service takes no node port',
      { ports: [{ port: 80, nodePort: 30080 }] },
      ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ],
    [
      'the type must be supported',
      { type: 'Internal', ports: [port] },
      [
        'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      ],
    ],
    ['an ExternalName service needs a name', { type: 'ExternalName' }, ['spec.externalName: Required value']],
    [
      'a LoadBalancer cannot be headless',
      { type: 'LoadBalancer', clusterIP: 'None', clusterIPs: ['None'], ports: [port] },
      ['spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for LoadBalancer services'],
    ],
    [
      'clusterIPs must start with clusterIP',
      { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.11'], ports: [port] },
      ['spec.clusterIPs: Invalid value: []string{"10.96.0.11"}: first value must match `clusterIP`'],
    ],
    [
      'a cluster IP must be an IP',
      { clusterIP: '10.96.0', clusterIPs: ['10.96.0'], ports: [port] },
      ['spec.clusterIPs[0]: Invalid value: "10.96.0": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
    ],
    [
      'the selector must use valid labels',
      { selector: { app: 'web server' }, ports: [port] },
      [expect.stringMatching(/^spec\.selector: Invalid value: "web server": a valid label/) as unknown as string],
    ],
    [
      'source ranges are for load balancers only',
      { loadBalancerSourceRanges: ['10.0.0.0/8'], ports: [port] },
      ["spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"],
    ],
    [
      'externalTrafficPolicy is for externally accessible services',
      { externalTrafficPolicy: 'Local', ports: [port] },
      ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'],
    ],
    [
      'a session affinity timeout is bounded',
      { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 100000 } }, ports: [port] },
      [
        'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 100000: must be greater than 0 and less than 86400',
      ],
    ],
    [
      'external IPs may not be loopback',
      { externalIPs: ['127.0.0.1'], ports: [port] },
      ['spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(validateService(service(spec)).map(String)).toEqual(expected);
  });
});

describe('validateServiceUpdate', () => {
  const old = service({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [port] });

  it('refuses a changed cluster IP', () => {
    const next = service({ clusterIP: '10.96.0.11', clusterIPs: ['10.96.0.11'], ports: [port] });
    expect(validateServiceUpdate(next, old).map(String)).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set',
    ]);
  });

  it('allows changing the type to NodePort', () => {
    const next = service({
      type: 'NodePort',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ports: [{ port: 80, nodePort: 30001 }],
    });
    expect(validateServiceUpdate(next, old)).toEqual([]);
  });
});

describe('validateServiceStatusUpdate', () => {
  it('keeps load balancer ingress to LoadBalancer services', () => {
    const svc = service({ ports: [port] }, { status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } });
    expect(validateServiceStatusUpdate(svc).map(String)).toEqual([
      "status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is 'LoadBalancer'",
    ]);
  });
});
