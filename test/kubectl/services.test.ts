// Services as a kubectl user meets them: a LoadBalancer Service gets an address from the lab's pool (EXTERNAL-IP,
// the events a cloud's service controller records) and gives it back when it stops being one; invalid Services are
// refused with the API's Invalid errors and leave nothing behind.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import type { Lab } from '../support/lab-server.ts';
import { removeLab, startLab } from '../support/lab-server.ts';

describe('Services', () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await startLab();
  }, 60_000);

  afterAll(async () => {
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  it('gives a LoadBalancer Service an external IP from the lab pool, and takes it back', async () => {
    expect(await lab.kubectl(['create', 'service', 'loadbalancer', 'web', '--tcp=80:8080'])).toMatchObject({
      code: 0,
      stdout: 'service/web created\n',
    });
    const listed = await eventually(
      () => lab.kubectl(['get', 'svc', 'web', '--no-headers']),
      (r) => r.stdout.includes('172.18.255.200'),
    );
    expect(listed.stdout).toMatch(/^web\s+LoadBalancer\s+10\.\d+\.\d+\.\d+\s+172\.18\.255\.200\s+80:3\d{4}\/TCP\s+/);
    const described = await lab.kubectl(['describe', 'svc', 'web']);
    expect(described.stdout).toMatch(/LoadBalancer Ingress:\s+172\.18\.255\.200 \(VIP\)/);
    expect(described.stdout).toMatch(
      /Normal\s+EnsuringLoadBalancer\s+\S+\s+service-controller\s+Ensuring load balancer/,
    );
    expect(described.stdout).toMatch(/Normal\s+EnsuredLoadBalancer\s+\S+\s+service-controller\s+Ensured load balancer/);

    await lab.kubectl(['patch', 'svc', 'web', '-p', '{"spec":{"type":"ClusterIP"}}']);
    const cleared = await eventually(
      () => lab.kubectl(['get', 'svc', 'web', '-o', 'jsonpath={.metadata.finalizers}|{.status.loadBalancer}']),
      (r) => r.stdout === '|{}',
    );
    expect(cleared.stdout).toBe('|{}');
  });

  it.each([
    [
      'duplicate ports',
      'spec: {selector: {app: a}, ports: [{name: x, port: 80}, {name: x, port: 80}]}',
      'spec.ports[1].name: Duplicate value: "x"',
    ],
    [
      'a nodePort outside the range',
      'spec: {type: NodePort, ports: [{port: 80, nodePort: 20000}]}',
      'spec.ports[0].nodePort: Invalid value: 20000: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
    [
      'a clusterIP already in use',
      'spec: {clusterIP: 10.96.0.1, ports: [{port: 80}]}',
      'failed to allocate IP 10.96.0.1: provided IP is already allocated',
    ],
  ])('refuses a Service with %s', async (_case, spec, message) => {
    const manifest = `apiVersion: v1\nkind: Service\nmetadata: {name: bad}\n${spec}\n`;
    const result = await lab.kubectl(['apply', '-f', '-'], { stdin: manifest });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Service "bad" is invalid');
    expect(result.stderr).toContain(message);
    expect((await lab.kubectl(['get', 'svc', 'bad'])).stderr).toContain('services "bad" not found');
  });
});
