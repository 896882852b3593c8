import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { serviceEnv } from './service-env.ts';

function service(namespace: string, name: string, clusterIP: string, ports: Record<string, unknown>[]): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec: { clusterIP, ports } };
}

const services: Record<string, KubeObject[]> = {
  default: [service('default', 'kubernetes', '10.96.0.1', [{ name: 'https', port: 443, protocol: 'TCP' }])],
  shop: [
    service('shop', 'web-front', '10.96.4.7', [
      { name: 'http', port: 80, protocol: 'TCP' },
      { name: 'dns', port: 53, protocol: 'UDP' },
    ]),
    service('shop', 'headless', 'None', [{ port: 80 }]),
  ],
};
const lister = (namespace: string) => services[namespace] ?? [];

const KUBERNETES = {
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
  KUBERNETES_SERVICE_PORT_HTTPS: '443',
  KUBERNETES_PORT: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
  KUBERNETES_PORT_443_TCP_PORT: '443',
  KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
};

describe('serviceEnv', () => {
  it('gives a pod in default the kubernetes Service variables', () => {
    expect(serviceEnv(lister, 'default', true)).toEqual(KUBERNETES);
  });

  it('gives the Services of the pod namespace with a cluster IP, and the kubernetes Service', () => {
    expect(serviceEnv(lister, 'shop', true)).toEqual({
      WEB_FRONT_SERVICE_HOST: '10.96.4.7',
      WEB_FRONT_SERVICE_PORT: '80',
      WEB_FRONT_SERVICE_PORT_HTTP: '80',
      WEB_FRONT_SERVICE_PORT_DNS: '53',
      WEB_FRONT_PORT: 'tcp://10.96.4.7:80',
      WEB_FRONT_PORT_80_TCP: 'tcp://10.96.4.7:80',
      WEB_FRONT_PORT_80_TCP_PROTO: 'tcp',
      WEB_FRONT_PORT_80_TCP_PORT: '80',
      WEB_FRONT_PORT_80_TCP_ADDR: '10.96.4.7',
      WEB_FRONT_PORT_53_UDP: 'udp://10.96.4.7:53',
      WEB_FRONT_PORT_53_UDP_PROTO: 'udp',
      WEB_FRONT_PORT_53_UDP_PORT: '53',
      WEB_FRONT_PORT_53_UDP_ADDR: '10.96.4.7',
      ...KUBERNETES,
    });
  });

  it('gives only the kubernetes Service when service links are disabled', () => {
    expect(serviceEnv(lister, 'shop', false)).toEqual(KUBERNETES);
  });
});
