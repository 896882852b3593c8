import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { endpointsPrinter, servicePrinter } from './service.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const CREATED = '2025-03-01T11:00:00Z';

function service(spec: object, status: object = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', creationTimestamp: CREATED }, spec, status };
}

const tcp = (port: number, nodePort?: number) => ({ port, protocol: 'TCP', ...(nodePort ? { nodePort } : {}) });

describe('servicePrinter', () => {
  it('declares TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, and SELECTOR for -o wide', () => {
    expect(servicePrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Type:0',
      'Cluster-IP:0',
      'External-IP:0',
      'Port(s):0',
      'Age:0',
      'Selector:1',
    ]);
  });

  it.each([
    [
      'a ClusterIP service',
      service({
        type: 'ClusterIP',
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        ports: [tcp(80)],
        selector: { app: 'web', tier: 'front' },
      }),
      ['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP', '60m', 'app=web,tier=front'],
    ],
    [
      'a headless service without ports or selector',
      service({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] }),
      ['web', 'ClusterIP', 'None', '<none>', '<none>', '60m', '<none>'],
    ],
    [
      'a NodePort service with external IPs',
      service({
        type: 'NodePort',
        clusterIPs: ['10.96.1.1'],
        externalIPs: ['1.2.3.4', '5.6.7.8'],
        ports: [tcp(80, 30080), { port: 53, protocol: 'UDP', nodePort: 30053 }],
      }),
      ['web', 'NodePort', '10.96.1.1', '1.2.3.4,5.6.7.8', '80:30080/TCP,53:30053/UDP', '60m', '<none>'],
    ],
    [
      'a LoadBalancer service still waiting for an address',
      service({ type: 'LoadBalancer', clusterIPs: ['10.96.1.2'], ports: [tcp(443, 31443)] }),
      ['web', 'LoadBalancer', '10.96.1.2', '<pending>', '443:31443/TCP', '60m', '<none>'],
    ],
    [
      'a LoadBalancer service with sorted, unshortened ingress addresses',
      service(
        { type: 'LoadBalancer', clusterIPs: ['10.96.1.3'], ports: [tcp(80, 30001)] },
        { loadBalancer: { ingress: [{ ip: '3.4.5.6' }, { ip: '2.3.4.5' }, { hostname: 'lb.example.com' }] } },
      ),
      ['web', 'LoadBalancer', '10.96.1.3', '2.3.4.5,3.4.5.6,lb.example.com', '80:30001/TCP', '60m', '<none>'],
    ],
    [
      'a LoadBalancer service with ingress and external IPs',
      service(
        { type: 'LoadBalancer', clusterIPs: ['10.96.1.4'], externalIPs: ['9.9.9.9'], ports: [tcp(80, 30002)] },
        { loadBalancer: { ingress: [{ ip: '2.3.4.5' }] } },
      ),
      ['web', 'LoadBalancer', '10.96.1.4', '2.3.4.5,9.9.9.9', '80:30002/TCP', '60m', '<none>'],
    ],
    [
      'an ExternalName service',
      service({ type: 'ExternalName', externalName: 'db.example.com' }),
      ['web', 'ExternalName', '<none>', 'db.example.com', '<none>', '60m', '<none>'],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(servicePrinter.row(obj, NOW)).toEqual(want);
  });
});

function endpoints(subsets?: object[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'web', creationTimestamp: CREATED },
    ...(subsets ? { subsets } : {}),
  };
}

describe('endpointsPrinter', () => {
  it.each([
    ['no subsets as <none>', endpoints(), '<none>'],
    [
      'each address with each port',
      endpoints([
        {
          addresses: [{ ip: '10.244.0.5' }, { ip: '10.244.1.7' }],
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        },
      ]),
      '10.244.0.5:8080,10.244.1.7:8080',
    ],
    ['addresses alone for a subset without ports', endpoints([{ addresses: [{ ip: '10.244.0.5' }] }]), '10.244.0.5'],
    [
      'IPv6 addresses in brackets',
      endpoints([{ addresses: [{ ip: 'fd00::5' }], ports: [{ port: 80 }] }]),
      '[fd00::5]:80',
    ],
    [
      'the first three and how many more',
      endpoints([
        { addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }, { port: 443 }] },
        { addresses: [{ ip: '10.0.0.3' }], ports: [{ port: 80 }] },
      ]),
      '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...',
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(endpointsPrinter.row(obj, NOW)).toEqual(['web', want, '60m']);
  });
});
