// kubectl port-forward and the API server's proxy against a one-node lab running nginx: the forwarded local port
// answers with nginx's welcome page (deploy/, pod/ and svc/ forms, kubectl 1.32's WebSocket-tunnelled SPDY and its
// plain SPDY fallback), keeps a connection for several requests, reports a port nothing listens on as kubectl does;
// client-node's PortForward speaks the channel protocol; services/proxy and pods/proxy return nginx's answers; a
// forwarded redis answers PING.

import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../support/lab-server.ts';
import { removeLab, startLab } from '../support/lab-server.ts';

const WELCOME = '<title>Welcome to nginx!</title>';

interface Forwarding {
  port: number;
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

describe('port-forward and proxy on a one-node lab', () => {
  let lab: Lab;
  let podName: string;
  const started: ChildProcessWithoutNullStreams[] = [];

  /** Starts `kubectl port-forward <args>` and resolves once it printed the local port it listens on. */
  function portForward(args: string[], env: Record<string, string> = {}): Promise<Forwarding> {
    const child = spawn('kubectl', ['port-forward', ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: join(lab.dir, 'home'), KUBECONFIG: lab.kubeconfig, ...env },
    });
    started.push(child);
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    return new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /^Forwarding from 127\.0\.0\.1:(\d+) -> \d+$/m.exec(stdout);
        if (match) resolve({ port: Number(match[1]), child, stdout: () => stdout, stderr: () => stderr, exited });
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      void exited.then((code) => reject(new Error(`kubectl exited with ${code}: ${stdout}${stderr}`)));
    });
  }

  /** Sends raw bytes on one TCP connection and resolves with everything read until the server closes it. */
  function rawExchange(port: number, request: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
      socket.once('end', () => resolve(received));
      socket.once('error', reject);
    });
  }

  async function stop(forwarding: Forwarding): Promise<void> {
    forwarding.child.kill('SIGTERM');
    await forwarding.exited;
  }

  beforeAll(async () => {
    lab = await startLab({ args: ['--nodes', '1'], readyTimeoutMs: 90_000 });
    const speed = await lab.kubectl(['patch', 'clock', 'cluster', '--type=merge', '-p', '{"spec":{"speed":10}}']);
    expect(speed.code).toBe(0);
    expect((await lab.kubectl(['create', 'deployment', 'web', '--image=nginx', '--port=80'])).code).toBe(0);
    expect((await lab.kubectl(['expose', 'deployment', 'web', '--port=80'])).code).toBe(0);
    const rollout = await lab.kubectl(['rollout', 'status', 'deploy/web', '--timeout=90s'], { timeoutMs: 100_000 });
    expect(rollout.code).toBe(0);
    podName = (await lab.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}'])).stdout;
  }, 180_000);

  afterAll(async () => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGTERM');
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  it.each([['deploy/web'], ['pod'], ['svc/web']])(
    'forwards a local port to nginx through %s',
    async (form) => {
      const forwarding = await portForward([form === 'pod' ? `pod/${podName}` : form, '0:80']);
      expect(forwarding.stdout()).toMatch(/^Forwarding from 127\.0\.0\.1:\d+ -> 80\n/);
      const response = await fetch(`http://127.0.0.1:${forwarding.port}/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('server')).toBe('nginx/1.28.0');
      expect(await response.text()).toContain(WELCOME);
      expect(forwarding.stdout()).toContain(`Handling connection for ${forwarding.port}\n`);
      await stop(forwarding);
    },
    60_000,
  );

  it('answers two requests on one forwarded connection', async () => {
    const forwarding = await portForward(['deploy/web', '0:80']);
    const answer = await rawExchange(
      forwarding.port,
      'GET / HTTP/1.1\r\nHost: localhost\r\n\r\nGET /missing HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Welcome to nginx![\s\S]*HTTP\/1\.1 404 Not Found\r\n/);
    expect(answer.match(/HTTP\/1\.1 /g)).toHaveLength(2);
    await stop(forwarding);
  }, 60_000);

  it('falls back to plain SPDY when told not to use WebSockets', async () => {
    const forwarding = await portForward(['deploy/web', '0:80'], { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' });
    expect(await (await fetch(`http://127.0.0.1:${forwarding.port}/`)).text()).toContain(WELCOME);
    await stop(forwarding);
  }, 60_000);

  it('reports a port nothing listens on with the runtime’s error and loses the connection', async () => {
    const forwarding = await portForward(['deploy/web', '0:81']);
    await expect(fetch(`http://127.0.0.1:${forwarding.port}/`)).rejects.toThrow();
    expect(await forwarding.exited).toBe(1);
    expect(forwarding.stderr()).toMatch(
      /"an error occurred forwarding \d+ -> 81: error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace \\"\/var\/run\/netns\/cni-[0-9a-f-]{36}\\": failed to connect to localhost:81 inside namespace \\"[0-9a-f]{64}\\", IPv4: dial tcp4 127\.0\.0\.1:81: connect: connection refused IPv6 dial tcp6 \[::1\]:81: connect: connection refused "/,
    );
    expect(forwarding.stderr()).toMatch(/error: lost connection to pod\n$/);
  }, 60_000);

  it('forwards to redis, which answers PING and closes at QUIT', async () => {
    expect((await lab.kubectl(['create', 'deployment', 'redis', '--image=redis'])).code).toBe(0);
    const rollout = await lab.kubectl(['rollout', 'status', 'deploy/redis', '--timeout=90s'], { timeoutMs: 100_000 });
    expect(rollout.code).toBe(0);
    const forwarding = await portForward(['deploy/redis', '0:6379']);
    expect(await rawExchange(forwarding.port, '*1\r\n$4\r\nPING\r\nQUIT\r\n')).toBe('+PONG\r\n+OK\r\n');
    await stop(forwarding);
  }, 120_000);

  it('forwards with client-node’s PortForward over the channel protocol', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(lab.kubeconfig);
    const forward = new k8s.PortForward(kc);
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      void forward.portForward('default', podName, [80], socket, null, socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () =>
        socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'),
      );
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString();
        if (received.includes('</html>')) resolve(received);
      });
      socket.once('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toContain(WELCOME);
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }, 60_000);

  it('proxies through services/proxy and pods/proxy with kubectl get --raw', async () => {
    const service = await lab.kubectl(['get', '--raw', '/api/v1/namespaces/default/services/web:80/proxy/']);
    expect(service).toMatchObject({ code: 0 });
    expect(service.stdout).toContain(WELCOME);
    const pod = await lab.kubectl(['get', '--raw', `/api/v1/namespaces/default/pods/${podName}/proxy/`]);
    expect(pod.stdout).toContain(WELCOME);
    const missing = await lab.kubectl(['get', '--raw', '/api/v1/namespaces/default/services/web/proxy/missing']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Error from server (NotFound)');
  }, 60_000);

  it('serves the Service through kubectl proxy, redirecting a path without its slash', async () => {
    const child = spawn('kubectl', ['proxy', '--port=0'], {
      env: { PATH: process.env['PATH'] ?? '', HOME: join(lab.dir, 'home'), KUBECONFIG: lab.kubeconfig },
    });
    started.push(child);
    const port = await new Promise<number>((resolve) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /^Starting to serve on 127\.0\.0\.1:(\d+)$/m.exec(stdout);
        if (match) resolve(Number(match[1]));
      });
    });
    const base = `http://127.0.0.1:${port}/api/v1/namespaces/default/services/web/proxy`;
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html');
    expect(await page.text()).toContain(WELCOME);
    const redirect = await fetch(base, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/api/v1/namespaces/default/services/web/proxy/');
    const exited = new Promise((resolve) => child.once('close', resolve));
    child.kill('SIGTERM');
    await exited;
  }, 60_000);

  it('answers services/proxy and pods/proxy errors as kube-apiserver does', async () => {
    expect((await lab.kubectl(['create', 'service', 'clusterip', 'empty', '--tcp=80:80'])).code).toBe(0);
    expect(await lab.kubectl(['get', '--raw', '/api/v1/namespaces/default/services/empty/proxy/'])).toMatchObject({
      code: 1,
      stderr: 'Error from server (ServiceUnavailable): no endpoints available for service "empty"\n',
    });
    expect(await lab.kubectl(['get', '--raw', '/api/v1/namespaces/default/services/web:8080/proxy/'])).toMatchObject({
      code: 1,
      stderr: 'Error from server (ServiceUnavailable): no service port 8080 found for service "web"\n',
    });
    const refused = await lab.kubectl(['get', '--raw', `/api/v1/namespaces/default/pods/${podName}:81/proxy/`]);
    expect(refused.stderr).toMatch(
      /^Error from server \(ServiceUnavailable\): error trying to reach service: dial tcp [\d.]+:81: connect: connection refused\n$/,
    );
  }, 60_000);
});
