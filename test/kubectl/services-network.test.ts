// Services through the data plane with real kubectl, on two-node labs with each CNI plugin (flannel's VXLAN overlay,
// routed) and kube-proxy in iptables mode — ClusterIP spread over endpoints, a named targetPort, headless, NodePort
// on either node, LoadBalancer from the lab pool, ExternalName, externalIPs, sessionAffinity ClientIP, hostNetwork
// and hostPort pods, a Service with no endpoints refusing, pod-to-pod without NAT (nginx's access log), curl -v,
// ping across nodes, resolv.conf and the service environment — and the ClusterIP and NodePort checks in IPVS mode.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import type { Lab } from '../support/lab-server.ts';
import { removeLab, startLab } from '../support/lab-server.ts';

const AGNHOST = 'registry.k8s.io/e2e-test-images/agnhost:2.53';
const pinned = (node: string) => `nodeName: ${node}`;

const SERVICES = `
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: http-alt}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-headless}
spec: {clusterIP: None, selector: {app: web}, ports: [{port: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-np}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, targetPort: 8080, nodePort: 30080}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-lb}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-ext}
spec: {selector: {app: web}, externalIPs: [198.51.100.10], ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-sticky}
spec: {selector: {app: web}, sessionAffinity: ClientIP, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: search}
spec: {type: ExternalName, externalName: www.example.com}
---
apiVersion: v1
kind: Service
metadata: {name: nobody}
spec: {selector: {app: nobody}, ports: [{port: 80}]}
`;

const WORKLOADS = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: agnhost, image: ${AGNHOST}, args: [netexec, --http-port=8080], ports: [{name: http-alt, containerPort: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  ${pinned('node-2')}
  containers: [{name: busybox, image: busybox:1.36, command: [sleep, '3600']}]
---
apiVersion: v1
kind: Pod
metadata: {name: nginx}
spec:
  ${pinned('node-1')}
  containers: [{name: nginx, image: 'nginx:1.27'}]
---
apiVersion: v1
kind: Pod
metadata: {name: hostnet}
spec:
  ${pinned('node-1')}
  hostNetwork: true
  containers: [{name: agnhost, image: ${AGNHOST}, args: [netexec, --http-port=9090]}]
---
apiVersion: v1
kind: Pod
metadata: {name: hostport}
spec:
  ${pinned('node-1')}
  containers:
  - {name: agnhost, image: ${AGNHOST}, args: [netexec, --http-port=8080], ports: [{containerPort: 8080, hostPort: 8081}]}
`;

interface NetworkLab {
  lab: Lab;
  /** Runs a command in a pod and returns its stdout; fails the test on a non-zero exit. */
  exec(pod: string, ...command: string[]): Promise<string>;
  /** Runs a command in a pod; its exit code, stdout and stderr. */
  run(pod: string, ...command: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  get(args: string[]): Promise<string>;
  webPods: Map<string, string>;
  nodeIPs: string[];
}

/** A two-node lab with the Services and workloads above, every pod Ready and kube-proxy serving `web`. */
async function networkLab(cni: string, proxyMode: string): Promise<NetworkLab> {
  const lab = await startLab({
    args: ['--nodes', '2', '--cni', cni, '--proxy-mode', proxyMode],
    readyTimeoutMs: 90_000,
  });
  const ok = async (args: string[], stdin?: string): Promise<string> => {
    const result = await lab.kubectl(args, { stdin, timeoutMs: 100_000 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return result.stdout;
  };
  const run = (pod: string, ...command: string[]) => lab.kubectl(['exec', pod, '--', ...command]);
  const exec = async (pod: string, ...command: string[]): Promise<string> => {
    const result = await run(pod, ...command);
    expect(result, `${command.join(' ')} in ${pod}`).toMatchObject({ code: 0 });
    return result.stdout;
  };
  await ok(['patch', 'clock', 'cluster', '--type=merge', '-p', '{"spec":{"speed":10}}']);
  await ok(['apply', '-f', '-'], SERVICES);
  await ok(['apply', '-f', '-'], WORKLOADS);
  await ok(['rollout', 'status', 'deploy/web', '--timeout=90s']);
  await ok([
    'wait',
    '--for=condition=Ready',
    'pod/client',
    'pod/nginx',
    'pod/hostnet',
    'pod/hostport',
    '--timeout=90s',
  ]);
  const rows = await ok([
    'get',
    'pods',
    '-l',
    'app=web',
    '-o',
    'jsonpath={range .items[*]}{.metadata.name} {.status.podIP}{"\\n"}{end}',
  ]);
  const webPods = new Map(
    rows
      .trim()
      .split('\n')
      .map((row) => row.split(' ') as [string, string]),
  );
  const nodeIPs = (
    await ok(['get', 'nodes', 'node-1', 'node-2', '-o', 'jsonpath={.items[*].status.addresses[0].address}'])
  ).split(' ');
  // Every Service of the pods answers once kube-proxy has synced their EndpointSlices on the client's node.
  const each = 'for s in web web-np web-lb web-ext web-sticky; do wget -qO- -T 2 http://$s/hostname || exit 1; done';
  const first = await eventually(
    () => run('client', 'sh', '-c', each),
    (r) => r.code === 0,
  );
  expect(first.stdout).toMatch(/^(web-\S+){5}$/);
  return { lab, exec, run, get: ok, webPods, nodeIPs };
}

/** The hostnames `count` requests to `url` from the client were answered by. */
async function answers(net: NetworkLab, url: string, count: number): Promise<string[]> {
  const loop = `for i in $(seq ${count}); do wget -qO- ${url}; echo; done`;
  return (await net.exec('client', 'sh', '-c', loop)).trim().split('\n');
}

describe.each([
  ['flannel', 'iptables'],
  ['routed', 'iptables'],
])('Services through the data plane (--cni %s, --proxy-mode %s)', (cni, proxyMode) => {
  let net: NetworkLab;

  beforeAll(async () => {
    net = await networkLab(cni, proxyMode);
  }, 240_000);

  afterAll(async () => {
    if (!net) return;
    expect(await net.lab.stop()).toBe(0);
    await removeLab(net.lab);
  });

  it('spreads a ClusterIP Service with a named targetPort over its endpoints; headless names the pods', async () => {
    const seen = await answers(net, 'http://web/hostname', 12);
    expect(seen.every((name) => net.webPods.has(name))).toBe(true);
    expect(new Set(seen).size).toBeGreaterThan(1);
    // busybox's nslookup also asks the other search domains, and exits 1 as they are NXDOMAIN.
    const headless = (await net.run('client', 'nslookup', 'web-headless')).stdout;
    const addresses = [...headless.matchAll(/^Address: (\S+)$/gm)].map((m) => m[1]);
    expect(addresses.sort()).toEqual([...net.webPods.values()].sort());
    expect(headless).toContain('Name:\tweb-headless.default.svc.cluster.local');
  });

  it('serves a NodePort on either node, a LoadBalancer address and an externalIP', async () => {
    for (const ip of net.nodeIPs) {
      expect(net.webPods.has(await net.exec('client', 'wget', '-qO-', `http://${ip}:30080/hostname`))).toBe(true);
    }
    const lb = await eventually(
      () => net.get(['get', 'svc', 'web-lb', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}']),
      (ip) => ip !== '',
    );
    expect(lb).toBe('172.18.255.200');
    expect(net.webPods.has(await net.exec('client', 'wget', '-qO-', `http://${lb}/hostname`))).toBe(true);
    expect(net.webPods.has(await net.exec('client', 'wget', '-qO-', 'http://198.51.100.10/hostname'))).toBe(true);
  });

  it('keeps a client on one endpoint with sessionAffinity ClientIP; ExternalName answers with its CNAME', async () => {
    const seen = await answers(net, 'http://web-sticky/hostname', 6);
    expect(new Set(seen).size).toBe(1);
    expect(net.webPods.has(seen[0]!)).toBe(true);
    const cname = await net.run('client', 'nslookup', 'search');
    expect(cname.stdout).toContain('search.default.svc.cluster.local\tcanonical name = www.example.com');
  });

  it('refuses connections to a Service without endpoints, as kube-proxy REJECTs them', async () => {
    const wget = await net.run('client', 'wget', '-qO-', 'http://nobody');
    expect(wget.code).toBe(1);
    expect(wget.stderr).toMatch(/^wget: can't connect to remote host \(10\.\d+\.\d+\.\d+\): Connection refused\n/);
    const nc = await net.run('client', 'nc', '-zv', 'nobody', '80');
    expect(nc.code).toBe(1);
    expect(nc.stderr).toMatch(/^nc: nobody \(10\.\d+\.\d+\.\d+:80\): Connection refused\n/);
  });

  it('reaches hostNetwork and hostPort pods on their node address', async () => {
    const [node1] = net.nodeIPs;
    expect(await net.exec('client', 'wget', '-qO-', `http://${node1}:9090/hostname`)).toBe('node-1');
    expect(await net.exec('client', 'wget', '-qO-', `http://${node1}:8081/hostname`)).toBe('hostport');
  });

  it('connects pods across nodes without NAT: nginx logs the client pod address; ping answers', async () => {
    const clientIP = await net.get(['get', 'pod', 'client', '-o', 'jsonpath={.status.podIP}']);
    const nginxIP = await net.get(['get', 'pod', 'nginx', '-o', 'jsonpath={.status.podIP}']);
    expect(await net.exec('client', 'wget', '-qO-', `http://${nginxIP}/`)).toContain(
      '<title>Welcome to nginx!</title>',
    );
    const logs = await net.get(['logs', 'nginx']);
    expect(logs).toMatch(
      new RegExp(
        `^${clientIP.replaceAll('.', '\\.')} - - \\[[^\\]]+\\] "GET / HTTP/1\\.1" 200 615 "-" "Wget" "-"$`,
        'm',
      ),
    );
    const ping = await net.exec('client', 'ping', '-c', '2', nginxIP);
    expect(ping).toMatch(new RegExp(`^64 bytes from ${nginxIP.replaceAll('.', '\\.')}: seq=0 ttl=\\d+ time=`, 'm'));
    expect(ping).toContain('2 packets transmitted, 2 packets received, 0% packet loss');
  });

  it('shows the exchange with curl -v', async () => {
    const result = await net.run('nginx', 'curl', '-sv', 'http://web/hostname');
    expect(result.code).toBe(0);
    expect(net.webPods.has(result.stdout)).toBe(true);
    expect(result.stderr).toMatch(
      /^\* {3}Trying 10\.\d+\.\d+\.\d+:80\.\.\.\n\* Connected to web \(10\.\d+\.\d+\.\d+\) port 80 \(#0\)\n/,
    );
    expect(result.stderr).toContain('> GET /hostname HTTP/1.1\r\n> Host: web\r\n> User-Agent: curl/7.88.1\r\n');
    expect(result.stderr).toContain('< HTTP/1.1 200 OK\r\n');
    expect(result.stderr).toContain('* Connection #0 to host web left intact\n');
  });

  it("gives pods kubelet's resolv.conf and the service environment variables", async () => {
    expect(await net.exec('client', 'cat', '/etc/resolv.conf')).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    const clusterIP = await net.get(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}']);
    const env = await net.exec('client', 'env');
    expect(env).toContain(`WEB_SERVICE_HOST=${clusterIP}\n`);
    expect(env).toContain('WEB_SERVICE_PORT=80\n');
    expect(env).toContain(`WEB_PORT_80_TCP=tcp://${clusterIP}:80\n`);
  });
});

describe('Services through the data plane (--cni flannel, --proxy-mode ipvs)', () => {
  let net: NetworkLab;

  beforeAll(async () => {
    net = await networkLab('flannel', 'ipvs');
  }, 240_000);

  afterAll(async () => {
    if (!net) return;
    expect(await net.lab.stop()).toBe(0);
    await removeLab(net.lab);
  });

  it('sends ClusterIP connections round robin to every endpoint, also from the node itself', async () => {
    const seen = await answers(net, 'http://web/hostname', 6);
    expect(new Set(seen)).toEqual(new Set(net.webPods.keys()));
    const clusterIP = await net.get(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}']);
    expect(net.webPods.has(await net.exec('hostnet', 'wget', '-qO-', `http://${clusterIP}/hostname`))).toBe(true);
  });

  it('serves a NodePort on either node, masquerading what it forwards to another node', async () => {
    for (const ip of net.nodeIPs) {
      expect(net.webPods.has(await net.exec('client', 'wget', '-qO-', `http://${ip}:30080/hostname`))).toBe(true);
    }
    const node2 = net.nodeIPs[1]!;
    const podCIDR = await net.get(['get', 'node', 'node-2', '-o', 'jsonpath={.spec.podCIDR}']);
    const source = (await net.exec('hostnet', 'wget', '-qO-', `http://${node2}:30080/clientip`)).split(':')[0]!;
    // node-2's address on the interface towards the endpoint: eth0, cni0, or flannel.1 (10.244.N.0).
    const onNode2 = source === node2 || source.startsWith(podCIDR.replace(/0\/24$/, ''));
    expect(onNode2, `${source} is node-2's`).toBe(true);
  });

  it("binds the ClusterIP to the node's kube-ipvs0, as a virtual server of the endpoints and in KUBE-CLUSTER-IP", async () => {
    const created = await net.lab.kubectl(['debug', 'node/node-1', '--image=busybox', '--', 'sleep', '3600']);
    const debugPod = /Creating debugging pod (\S+) /.exec(created.stdout)![1]!;
    await net.get(['wait', '--for=condition=Ready', `pod/${debugPod}`, '--timeout=90s']);
    const clusterIP = await net.get(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}']);
    expect(await net.exec(debugPod, 'ip', 'addr', 'show', 'kube-ipvs0')).toContain(
      `    inet ${clusterIP}/32 scope global kube-ipvs0\n`,
    );
    const ipvs = await net.exec(debugPod, 'ipvsadm', '-Ln');
    const virtualServer = ipvs.slice(ipvs.indexOf(`TCP  ${clusterIP}:80 rr\n`)).split(/\n(?=TCP|UDP)/)[0]!;
    for (const ip of net.webPods.values()) expect(virtualServer).toMatch(new RegExp(`-> ${ip}:8080 +Masq +1 `));
    expect(await net.exec(debugPod, 'ipset', 'list', 'KUBE-CLUSTER-IP')).toContain(`\n${clusterIP},tcp:80\n`);
  });

  it('keeps a client on one endpoint with sessionAffinity ClientIP, and refuses a Service without endpoints', async () => {
    expect(new Set(await answers(net, 'http://web-sticky/hostname', 4)).size).toBe(1);
    const wget = await net.run('client', 'wget', '-qO-', 'http://nobody');
    expect(wget.stderr).toMatch(/Connection refused/);
  });
});
