import { describe, expect, it } from 'vitest';
import { findPort } from './pod-endpoints.ts';
import { addressTypesForService, endpointPortsForPod, podToEndpoint } from './slice-builders.ts';
import type { EndpointPod, Service, ServicePort } from './types.ts';

const pod = (ready: boolean, deleting = false): EndpointPod => ({
  metadata: {
    name: 'web-1',
    namespace: 'default',
    uid: 'pod-uid',
    ...(deleting ? { deletionTimestamp: '2024-05-01T00:00:00Z' } : {}),
  },
  spec: {
    nodeName: 'node-a',
    hostname: 'web-1',
    subdomain: 'web',
    containers: [
      {
        name: 'web',
        ports: [
          { name: 'http', containerPort: 8080 },
          { name: 'dns', containerPort: 5353, protocol: 'UDP' },
        ],
      },
    ],
    initContainers: [{ name: 'proxy', restartPolicy: 'Always', ports: [{ name: 'admin', containerPort: 9901 }] }],
  },
  status: {
    phase: 'Running',
    podIPs: [{ ip: '10.244.1.5' }, { ip: 'fd00::5' }],
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
  },
});
const service = (spec: Service['spec'] = {}): Service => ({
  metadata: { name: 'web', namespace: 'default', uid: 'svc-uid' },
  spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', ...spec },
});
const node = { metadata: { name: 'node-a', labels: { 'topology.kubernetes.io/zone': 'zone-a' } } };

describe('podToEndpoint', () => {
  it.each([
    ['a ready pod is ready and serving', pod(true), {}, { ready: true, serving: true, terminating: false }],
    ['a pod that is not ready is neither', pod(false), {}, { ready: false, serving: false, terminating: false }],
    [
      'a terminating ready pod still serves but is not ready',
      pod(true, true),
      {},
      { ready: false, serving: true, terminating: true },
    ],
    [
      'publishNotReadyAddresses makes every pod ready',
      pod(false),
      { publishNotReadyAddresses: true },
      { ready: true, serving: false, terminating: false },
    ],
  ])('%s', (_name, p, spec, conditions) => {
    expect(podToEndpoint(p, node, service(spec), 'IPv4').conditions).toEqual(conditions);
  });

  it('lists the IPs of the address type, the node, its zone and the pod', () => {
    expect(podToEndpoint(pod(true), node, service(), 'IPv6')).toEqual({
      addresses: ['fd00::5'],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: 'node-a',
      zone: 'zone-a',
      hostname: 'web-1',
      targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'pod-uid' },
    });
  });
});

describe('findPort', () => {
  it.each<[string, ServicePort, number | undefined]>([
    ['a number is the port', { port: 80, targetPort: 9090 }, 9090],
    ['no target port means the Service port', { port: 80 }, 80],
    ['a name is looked up among the container ports', { port: 80, targetPort: 'http' }, 8080],
    ['the protocol must match', { port: 53, targetPort: 'dns' }, undefined],
    ['with the same protocol it matches', { port: 53, targetPort: 'dns', protocol: 'UDP' }, 5353],
    ['sidecar ports count', { port: 9901, targetPort: 'admin' }, 9901],
    ['an unknown name matches nothing', { port: 80, targetPort: 'https' }, undefined],
  ])('%s', (_name, servicePort, expected) => {
    expect(findPort(pod(true), servicePort)).toBe(expected);
  });
});

describe('endpointPortsForPod', () => {
  it('keeps the Service ports the pod has, named and with their protocol', () => {
    const svc = service({
      ports: [
        { name: 'http', port: 80, targetPort: 'http', appProtocol: 'http' },
        { name: 'https', port: 443, targetPort: 'https' },
      ],
    });
    expect(endpointPortsForPod(svc, pod(true))).toEqual([
      { name: 'http', port: 8080, protocol: 'TCP', appProtocol: 'http' },
    ]);
  });
});

describe('addressTypesForService', () => {
  it.each([
    ['the IP families when set', { ipFamilies: ['IPv6', 'IPv4'] }, ['IPv6', 'IPv4']],
    ['the family of the cluster IP otherwise', { ipFamilies: undefined, clusterIP: 'fd00::10' }, ['IPv6']],
    ['both for a headless Service without families', { ipFamilies: undefined, clusterIP: 'None' }, ['IPv4', 'IPv6']],
  ])('%s', (_name, spec, expected) => {
    expect(addressTypesForService(service(spec))).toEqual(expected);
  });
});
