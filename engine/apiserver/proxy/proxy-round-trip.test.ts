import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../endpoints/api-request.ts';
import { DialError } from '../../node/runtime/ports/pod-port-dialer.ts';
import { TcpConnection } from '../../node/runtime/ports/tcp-connection.ts';
import { firstContainerPort } from './pod-proxy-handler.ts';
import type { PodDialer } from './pod-dialer.ts';
import { proxyRoundTrip } from './proxy-round-trip.ts';

const pod = { metadata: { name: 'web', namespace: 'default' } };
const request = (path: string, query = ''): ApiRequest => ({
  method: 'GET',
  path,
  query: new URLSearchParams(query),
  headers: { accept: 'text/html' },
});

/** A pod whose port 80 answers with the request target it got, as HTML, with a hop-by-hop header. */
const dial: PodDialer = async (_pod, port) => {
  if (port !== 80) throw new DialError('refused');
  const listener = {
    listens: () => true,
    http: (r: { path: string }) => ({
      status: 200,
      headers: { 'Content-Type': 'text/html', 'Keep-Alive': 'timeout=5', ETag: '"1"' },
      body: r.path,
    }),
  };
  return new TcpConnection(listener, port, '10.0.0.1');
};

describe('proxy round trip', () => {
  it('returns the pod’s answer with its status, content type and end-to-end headers', async () => {
    const response = await proxyRoundTrip(
      dial,
      { pod, ip: '10.244.1.5', port: '80' },
      request('/api/v1/namespaces/default/pods/web/proxy/x', 'a=1'),
      '/x',
    );
    expect(response).toEqual({
      kind: 'raw',
      status: 200,
      contentType: 'text/html',
      headers: { etag: ['"1"'] },
      body: Buffer.from('/x?a=1'),
    });
  });

  it('redirects a request without a path to the one with a slash', async () => {
    const path = '/api/v1/namespaces/default/services/web/proxy';
    const response = await proxyRoundTrip(dial, { pod, ip: '10.244.1.5', port: '80' }, request(path, 'q=2'), '');
    expect(response).toMatchObject({ status: 301, headers: { location: `${path}/?q=2` } });
  });

  it('answers 503 when the pod’s port refuses the connection', async () => {
    await expect(
      proxyRoundTrip(dial, { pod, ip: '10.244.1.5', port: '81' }, request('/p/proxy/'), '/'),
    ).rejects.toMatchObject({
      code: 503,
      reason: 'ServiceUnavailable',
      message: 'error trying to reach service: dial tcp 10.244.1.5:81: connect: connection refused',
    });
  });

  it.each([
    ['the first port a container declares', [{ ports: [] }, { ports: [{ containerPort: 8080 }] }], '8080'],
    ['nothing when none does', [{}], ''],
  ])('defaults a pod’s port to %s', (_, containers, port) => {
    expect(firstContainerPort({ metadata: {}, spec: { containers } })).toBe(port);
  });
});
