import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { serviceEndpoint, servicePortName } from './service-endpoint.ts';

const service: KubeObject = {
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    ports: [
      { name: 'http', port: 80 },
      { name: 'admin', port: 9000 },
    ],
  },
};

const pod = (name: string, ip: string): KubeObject => ({
  metadata: { name, namespace: 'default' },
  status: { podIP: ip },
});
const pods = [pod('web-a', '10.244.1.5'), pod('web-b', '10.244.1.6')];

function slice(endpoints: { ip: string; pod: string; ready?: boolean }[], service = 'web'): KubeObject {
  return {
    metadata: { name: `${service}-x`, namespace: 'default', labels: { 'kubernetes.io/service-name': service } },
    ports: [{ name: 'http', port: 8080 }],
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready ?? true },
      targetRef: { kind: 'Pod', name: e.pod, namespace: 'default' },
    })),
  } as KubeObject;
}

function stores(slices: KubeObject[]) {
  return {
    slices: { list: async () => ({ apiVersion: 'v1', kind: 'List', metadata: {}, items: slices }) },
    pods: {
      get: async (_: string, name: string) => {
        const found = pods.find((p) => p.metadata.name === name);
        if (!found) throw new Error('not found');
        return found;
      },
    },
  };
}

describe('services/proxy endpoint choice', () => {
  it.each([
    ['a port number as the name of the Service port with it', '80', 'http'],
    ['a port name as it is', 'admin', 'admin'],
  ])('takes %s', (_, port, name) => {
    expect(servicePortName(service, port)).toBe(name);
  });

  it('refuses a port number the Service does not have', () => {
    expect(() => servicePortName(service, '8080')).toThrow('no service port 8080 found for service "web"');
  });

  it('chooses the first ready endpoint whose pod exists with that address, at the slice’s port', async () => {
    const { slices, pods: getter } = stores([
      slice([
        { ip: '10.244.1.5', pod: 'web-a', ready: false },
        { ip: '10.244.1.9', pod: 'web-gone' },
        { ip: '10.244.1.6', pod: 'web-b' },
      ]),
    ]);
    const destination = await serviceEndpoint(service, 'http', slices, getter);
    expect([destination.pod.metadata.name, destination.ip, destination.port]).toEqual(['web-b', '10.244.1.6', '8080']);
  });

  it.each([
    ['no slices', []],
    ['only other Services’ slices', [slice([{ ip: '10.244.1.5', pod: 'web-a' }], 'other')]],
    ['no ready endpoints', [slice([{ ip: '10.244.1.5', pod: 'web-a', ready: false }])]],
  ])('answers 503 with %s', async (_, slices) => {
    const { slices: list, pods: getter } = stores(slices);
    await expect(serviceEndpoint(service, 'http', list, getter)).rejects.toMatchObject({
      code: 503,
      message: 'no endpoints available for service "web"',
    });
  });
});
