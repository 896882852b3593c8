import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import type { StrategyContext } from '../resource-definition.ts';
import { serviceStrategy } from './services.ts';

const ctx: StrategyContext = { user: { username: 'admin', groups: [] }, now: 0, namespace: 'default', warnings: [] };

function svc(spec: Record<string, unknown>, status: Record<string, unknown> = { loadBalancer: {} }): KubeObject {
  const obj: KubeObject = { metadata: { name: 'web', namespace: 'default', resourceVersion: '1' }, spec, status };
  serviceStrategy.defaults?.(obj);
  return obj;
}

const stored = svc({
  type: 'NodePort',
  clusterIP: '10.96.0.10',
  clusterIPs: ['10.96.0.10'],
  ipFamilies: ['IPv4'],
  ipFamilyPolicy: 'SingleStack',
  ports: [{ name: 'http', port: 80, nodePort: 30080 }],
});

describe('service strategy', () => {
  it('starts with an empty load balancer status and fills clusterIPs from clusterIP', () => {
    const created = svc({ clusterIP: '10.96.0.20', ports: [{ port: 80 }] }, {});
    serviceStrategy.prepareForCreate?.(created, ctx);
    expect(created.status).toEqual({ loadBalancer: {} });
    expect((created.spec as Record<string, unknown>).clusterIPs).toEqual(['10.96.0.20']);
  });

  it('keeps allocated values a client left out (kubectl replace without clusterIP)', () => {
    const next = svc({ type: 'NodePort', ports: [{ name: 'http', port: 80 }] });
    serviceStrategy.prepareForUpdate?.(next, stored, ctx);
    expect(next.spec).toMatchObject({
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ports: [{ name: 'http', port: 80, nodePort: 30080 }],
    });
    expect(serviceStrategy.validateUpdate?.(next, stored, ctx)).toEqual([]);
  });

  it('drops node ports and external policy when the type becomes ClusterIP', () => {
    const next = structuredClone(stored);
    (next.spec as Record<string, unknown>).type = 'ClusterIP';
    serviceStrategy.prepareForUpdate?.(next, stored, ctx);
    expect((next.spec as { ports: unknown[] }).ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 80 },
    ]);
    expect((next.spec as Record<string, unknown>).externalTrafficPolicy).toBeUndefined();
    expect(serviceStrategy.validateUpdate?.(next, stored, ctx)).toEqual([]);
  });

  it('drops the cluster IPs when the type becomes ExternalName', () => {
    const next = structuredClone(stored);
    Object.assign(next.spec as Record<string, unknown>, { type: 'ExternalName', externalName: 'db.example.com' });
    serviceStrategy.prepareForUpdate?.(next, stored, ctx);
    expect(next.spec).not.toHaveProperty('clusterIP');
    expect(next.spec).not.toHaveProperty('ipFamilies');
    expect(serviceStrategy.validateUpdate?.(next, stored, ctx)).toEqual([]);
  });
});
