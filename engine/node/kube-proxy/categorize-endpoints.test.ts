import { describe, expect, it } from 'vitest';
import { categorizeEndpoints } from './categorize-endpoints.ts';
import type { EndpointInfo } from './endpoints-map.ts';
import { servicePortsOf } from './service-ports.ts';
import { makeService } from './test-objects.ts';

function ep(ip: string, fields: Partial<EndpointInfo> = {}): EndpointInfo {
  return {
    ip,
    port: 80,
    endpoint: `${ip}:80`,
    isLocal: false,
    ready: true,
    serving: true,
    terminating: false,
    zoneHints: undefined,
    ...fields,
  };
}

const info = (spec = {}) => {
  const port = servicePortsOf(makeService('ns', 'a', { clusterIP: '10.96.0.1', ...spec }))[0];
  if (!port) throw new Error('no port');
  return port;
};

describe('categorizeEndpoints', () => {
  it('uses the endpoints hinted for this zone when every ready endpoint has a hint', () => {
    const endpoints = [ep('10.0.0.1', { zoneHints: ['a'] }), ep('10.0.0.2', { zoneHints: ['b'] })];
    expect(categorizeEndpoints(endpoints, info(), 'a').clusterEndpoints.map((e) => e.ip)).toEqual(['10.0.0.1']);
  });

  it('ignores zone hints when one ready endpoint has none', () => {
    const endpoints = [ep('10.0.0.1', { zoneHints: ['a'] }), ep('10.0.0.2')];
    expect(categorizeEndpoints(endpoints, info(), 'a').clusterEndpoints).toHaveLength(2);
  });

  it('falls back to local serving terminating endpoints under the Local policy', () => {
    const endpoints = [
      ep('10.0.0.1', { isLocal: true, ready: false, terminating: true }),
      ep('10.0.0.2', { ready: true }),
    ];
    const result = categorizeEndpoints(endpoints, info({ internalTrafficPolicy: 'Local' }), undefined);
    expect(result.localEndpoints.map((e) => e.ip)).toEqual(['10.0.0.1']);
    expect(result.clusterEndpoints).toEqual([]);
    expect(result.hasAnyEndpoints).toBe(true);
  });

  it('reports no endpoints when none is ready or serving', () => {
    const result = categorizeEndpoints([ep('10.0.0.1', { ready: false, serving: false })], info(), undefined);
    expect(result).toMatchObject({ hasAnyEndpoints: false, allReachableEndpoints: [] });
  });
});
