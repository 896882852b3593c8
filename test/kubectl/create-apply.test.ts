// Creating objects as users do: the typed `kubectl create <kind>` generators (which send protobuf bodies), create
// -f, client-side and server-side apply, diff, replace, run, expose, and dry runs that store nothing.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../support/lab-server.ts';
import { removeLab, startLab } from '../support/lab-server.ts';

const NS = 'lab';

describe('creating and applying objects', () => {
  let lab: Lab;
  const kubectl = (...args: string[]) => lab.kubectl(['-n', NS, ...args]);
  const json = async (...args: string[]) => {
    const result = await kubectl('get', ...args, '-o', 'json');
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    lab = await startLab();
    expect((await lab.kubectl(['create', 'namespace', NS])).code).toBe(0);
  });

  afterAll(async () => {
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  describe('kubectl create <kind>', () => {
    it('creates a namespace that is Active and labelled with its name', async () => {
      expect(await lab.kubectl(['create', 'namespace', 'team-a'])).toMatchObject({
        code: 0,
        stdout: 'namespace/team-a created\n',
      });
      const ns = JSON.parse((await lab.kubectl(['get', 'ns', 'team-a', '-o', 'json'])).stdout);
      expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
      expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
      expect(ns.status).toEqual({ phase: 'Active' });
    });

    it('creates a deployment with the defaults of apps/v1', async () => {
      const created = await kubectl('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=80');
      expect(created).toMatchObject({ code: 0, stdout: 'deployment.apps/web created\n' });
      const deploy = await json('deployment', 'web');
      expect(deploy.metadata).toMatchObject({ generation: 1, labels: { app: 'web' } });
      expect(deploy.spec).toMatchObject({
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      });
      expect(deploy.spec.template.spec.containers).toEqual([
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
        },
      ]);
      expect(deploy.spec.template.spec).toMatchObject({
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        dnsPolicy: 'ClusterFirst',
        schedulerName: 'default-scheduler',
      });
      const row = (await kubectl('get', 'deployment', 'web', '--no-headers')).stdout;
      // The lab's only node is the tainted control-plane node: the pods are created, and wait there.
      expect(row).toMatch(/^web\s+0\/2\s+[0-2]\s+0\s+\d+s\n$/);
    });

    it('creates a configmap and generic, tls secrets', async () => {
      expect(await kubectl('create', 'configmap', 'settings', '--from-literal=color=blue')).toMatchObject({
        code: 0,
        stdout: 'configmap/settings created\n',
      });
      expect((await json('configmap', 'settings')).data).toEqual({ color: 'blue' });

      expect(await kubectl('create', 'secret', 'generic', 'creds', '--from-literal=password=s3cr3t')).toMatchObject({
        code: 0,
        stdout: 'secret/creds created\n',
      });
      const secret = await json('secret', 'creds');
      expect(secret.type).toBe('Opaque');
      expect(secret.data).toEqual({ password: Buffer.from('s3cr3t').toString('base64') });

      // The admin client certificate and key of the lab's kubeconfig make a valid TLS pair.
      const user = (path: string) =>
        lab.kubectl(['config', 'view', '--raw', '-o', `jsonpath={.users[0].user.${path}}`]).then((r) => r.stdout);
      const dir = join(lab.dir, 'tls');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'tls.crt'), Buffer.from(await user('client-certificate-data'), 'base64'));
      await writeFile(join(dir, 'tls.key'), Buffer.from(await user('client-key-data'), 'base64'));
      const tls = await kubectl(
        'create',
        'secret',
        'tls',
        'web-tls',
        `--cert=${join(dir, 'tls.crt')}`,
        `--key=${join(dir, 'tls.key')}`,
      );
      expect(tls).toMatchObject({ code: 0, stdout: 'secret/web-tls created\n' });
      const stored = await json('secret', 'web-tls');
      expect(stored.type).toBe('kubernetes.io/tls');
      expect(Object.keys(stored.data).sort()).toEqual(['tls.crt', 'tls.key']);
      const rows = (await kubectl('get', 'secrets', '--no-headers')).stdout;
      expect(rows).toMatch(/^creds\s+Opaque\s+1\s+\d+s$/m);
      expect(rows).toMatch(/^web-tls\s+kubernetes\.io\/tls\s+2\s+\d+s$/m);
    });

    it('creates a job and a cronjob with batch/v1 defaults', async () => {
      expect(await kubectl('create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi')).toMatchObject({
        code: 0,
        stdout: 'job.batch/once created\n',
      });
      const job = await json('job', 'once');
      expect(job.spec).toMatchObject({
        backoffLimit: 6,
        completions: 1,
        parallelism: 1,
        completionMode: 'NonIndexed',
        suspend: false,
      });
      expect(job.spec.template.spec.restartPolicy).toBe('Never');
      expect(job.spec.template.spec.containers[0].command).toEqual(['echo', 'hi']);
      const uid = job.metadata.uid as string;
      expect(job.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
      expect(job.metadata.labels).toMatchObject({
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': 'once',
      });

      const cron = await kubectl(
        'create',
        'cronjob',
        'tick',
        '--image=busybox',
        '--schedule=*/5 * * * *',
        '--',
        'date',
      );
      expect(cron).toMatchObject({ code: 0, stdout: 'cronjob.batch/tick created\n' });
      const cronjob = await json('cronjob', 'tick');
      expect(cronjob.spec).toMatchObject({
        schedule: '*/5 * * * *',
        concurrencyPolicy: 'Allow',
        suspend: false,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
      });
      const row = (await kubectl('get', 'cronjob', 'tick', '--no-headers')).stdout;
      expect(row).toMatch(/^tick\s+\*\/5 \* \* \* \*\s+<none>\s+False\s+0\s+<none>\s+\d+s\n$/);
    });

    it('creates ClusterIP and NodePort services with allocated addresses and ports', async () => {
      expect(await kubectl('create', 'service', 'clusterip', 'backend', '--tcp=80:8080')).toMatchObject({
        code: 0,
        stdout: 'service/backend created\n',
      });
      const backend = await json('service', 'backend');
      expect(backend.spec).toMatchObject({
        type: 'ClusterIP',
        selector: { app: 'backend' },
        ports: [{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }],
        sessionAffinity: 'None',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
      });
      expect(backend.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
      expect(backend.spec.clusterIPs).toEqual([backend.spec.clusterIP]);

      expect(await kubectl('create', 'service', 'nodeport', 'front', '--tcp=80:8080')).toMatchObject({
        code: 0,
        stdout: 'service/front created\n',
      });
      const front = await json('service', 'front');
      expect(front.spec.type).toBe('NodePort');
      expect(front.spec.externalTrafficPolicy).toBe('Cluster');
      const nodePort = front.spec.ports[0].nodePort as number;
      expect(nodePort).toBeGreaterThanOrEqual(30000);
      expect(nodePort).toBeLessThanOrEqual(32767);
      const row = (await kubectl('get', 'service', 'front', '--no-headers')).stdout;
      expect(row).toMatch(new RegExp(`^front\\s+NodePort\\s+[\\d.]+\\s+<none>\\s+80:${nodePort}/TCP\\s+\\d+s\\n$`));
    });

    it('creates a serviceaccount and RBAC roles and bindings', async () => {
      expect(await kubectl('create', 'serviceaccount', 'bot')).toMatchObject({
        code: 0,
        stdout: 'serviceaccount/bot created\n',
      });
      expect(await kubectl('create', 'role', 'pod-reader', '--verb=get,list', '--resource=pods')).toMatchObject({
        code: 0,
        stdout: 'role.rbac.authorization.k8s.io/pod-reader created\n',
      });
      expect((await json('role', 'pod-reader')).rules).toEqual([
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
      ]);
      const binding = await kubectl(
        'create',
        'rolebinding',
        'bot-reads',
        '--role=pod-reader',
        `--serviceaccount=${NS}:bot`,
      );
      expect(binding).toMatchObject({ code: 0, stdout: 'rolebinding.rbac.authorization.k8s.io/bot-reads created\n' });
      expect(await json('rolebinding', 'bot-reads')).toMatchObject({
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'bot', namespace: NS }],
      });
      const wide = (await kubectl('get', 'rolebinding', 'bot-reads', '-o', 'wide', '--no-headers')).stdout;
      expect(wide).toMatch(/^bot-reads\s+Role\/pod-reader\s+\d+s\s+lab\/bot\n$/);

      const clusterRole = await lab.kubectl([
        'create',
        'clusterrole',
        'deploy-reader',
        '--verb=get,list,watch',
        '--resource=deployments.apps',
      ]);
      expect(clusterRole).toMatchObject({
        code: 0,
        stdout: 'clusterrole.rbac.authorization.k8s.io/deploy-reader created\n',
      });
      const clusterBinding = await lab.kubectl([
        'create',
        'clusterrolebinding',
        'alice-reads',
        '--clusterrole=deploy-reader',
        '--user=alice',
      ]);
      expect(clusterBinding).toMatchObject({
        code: 0,
        stdout: 'clusterrolebinding.rbac.authorization.k8s.io/alice-reads created\n',
      });
      const row = (await lab.kubectl(['get', 'clusterrolebinding', 'alice-reads', '-o', 'wide', '--no-headers']))
        .stdout;
      expect(row).toMatch(/^alice-reads\s+ClusterRole\/deploy-reader\s+\d+s\s+alice\s*\n$/);
    });

    it('creates a quota, a priority class, a pod disruption budget and an ingress', async () => {
      // Counts only: a quota on cpu would make every later pod in this namespace declare its cpu, as upstream.
      expect(await kubectl('create', 'quota', 'small', '--hard=pods=100,secrets=50')).toMatchObject({
        code: 0,
        stdout: 'resourcequota/small created\n',
      });
      expect((await json('resourcequota', 'small')).spec).toEqual({ hard: { pods: '100', secrets: '50' } });

      const pc = await lab.kubectl(['create', 'priorityclass', 'high', '--value=1000', '--description=important']);
      expect(pc).toMatchObject({ code: 0, stdout: 'priorityclass.scheduling.k8s.io/high created\n' });
      const pcRow = (await lab.kubectl(['get', 'priorityclass', 'high', '--no-headers'])).stdout;
      expect(pcRow).toMatch(/^high\s+1000\s+false\s+\d+s\s+PreemptLowerPriority\n$/);

      const pdb = await kubectl('create', 'poddisruptionbudget', 'web', '--selector=app=web', '--min-available=1');
      expect(pdb).toMatchObject({ code: 0, stdout: 'poddisruptionbudget.policy/web created\n' });
      const pdbRow = (await kubectl('get', 'pdb', 'web', '--no-headers')).stdout;
      expect(pdbRow).toMatch(/^web\s+1\s+N\/A\s+0\s+\d+s\n$/);

      const ing = await kubectl('create', 'ingress', 'site', '--rule=foo.com/bar=backend:80');
      expect(ing).toMatchObject({ code: 0, stdout: 'ingress.networking.k8s.io/site created\n' });
      expect((await json('ingress', 'site')).spec).toEqual({
        rules: [
          {
            host: 'foo.com',
            http: {
              paths: [
                { path: '/bar', pathType: 'Exact', backend: { service: { name: 'backend', port: { number: 80 } } } },
              ],
            },
          },
        ],
      });
      const ingRow = (await kubectl('get', 'ingress', 'site', '--no-headers')).stdout;
      expect(ingRow).toMatch(/^site\s+<none>\s+foo\.com\s+80\s+\d+s\n$/);
    });
  });

  describe('create -f and apply', () => {
    const manifest = (color: string, extra = '') => `
apiVersion: v1
kind: ConfigMap
metadata:
  name: app
  namespace: ${NS}
  labels:
    tier: web
data:
  color: ${color}
${extra}`;

    it('create -f creates every document of a multi-document file', async () => {
      const docs = ['one', 'two', 'three']
        .map((name) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: doc-${name}\n  namespace: ${NS}\n`)
        .join('---\n');
      expect(await lab.kubectl(['create', '-f', '-'], { stdin: docs })).toMatchObject({
        code: 0,
        stdout: 'configmap/doc-one created\nconfigmap/doc-two created\nconfigmap/doc-three created\n',
      });
      const again = await lab.kubectl(['create', '-f', '-'], { stdin: docs });
      expect(again.code).toBe(1);
      expect(again.stderr).toBe(
        'Error from server (AlreadyExists): error when creating "STDIN": configmaps "doc-one" already exists\n' +
          'Error from server (AlreadyExists): error when creating "STDIN": configmaps "doc-two" already exists\n' +
          'Error from server (AlreadyExists): error when creating "STDIN": configmaps "doc-three" already exists\n',
      );
    });

    it('apply creates, leaves unchanged, configures, and prunes a field removed from the manifest', async () => {
      expect(await lab.kubectl(['apply', '-f', '-'], { stdin: manifest('blue', '  size: large') })).toMatchObject({
        code: 0,
        stdout: 'configmap/app created\n',
      });
      const created = await json('configmap', 'app');
      const lastApplied = JSON.parse(
        created.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'] as string,
      );
      expect(lastApplied).toEqual({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { annotations: {}, labels: { tier: 'web' }, name: 'app', namespace: NS },
        data: { color: 'blue', size: 'large' },
      });
      const withFields = await kubectl('get', 'configmap', 'app', '-o', 'json', '--show-managed-fields');
      expect(JSON.parse(withFields.stdout).metadata.managedFields[0]).toMatchObject({
        manager: 'kubectl-client-side-apply',
        operation: 'Update',
      });
      expect(created.metadata.managedFields).toBeUndefined();

      expect(await lab.kubectl(['apply', '-f', '-'], { stdin: manifest('blue', '  size: large') })).toMatchObject({
        code: 0,
        stdout: 'configmap/app unchanged\n',
      });
      expect(await lab.kubectl(['apply', '-f', '-'], { stdin: manifest('red') })).toMatchObject({
        code: 0,
        stdout: 'configmap/app configured\n',
      });
      expect((await json('configmap', 'app')).data).toEqual({ color: 'red' });
    });

    it('apply keeps fields that another writer added and the manifest never mentioned', async () => {
      await kubectl('patch', 'configmap', 'app', '--type=merge', '-p', '{"data":{"owner":"ops"}}');
      expect(await lab.kubectl(['apply', '-f', '-'], { stdin: manifest('green') })).toMatchObject({
        code: 0,
        stdout: 'configmap/app configured\n',
      });
      expect((await json('configmap', 'app')).data).toEqual({ color: 'green', owner: 'ops' });
    });

    it('diff exits 0 without output when the live object matches, and 1 with a unified diff when it does not', async () => {
      const same = await lab.kubectl(['diff', '-f', '-'], { stdin: manifest('green') });
      expect(same).toMatchObject({ code: 0, stdout: '' });
      const changed = await lab.kubectl(['diff', '-f', '-'], { stdin: manifest('yellow') });
      expect(changed.code).toBe(1);
      expect(changed.stdout).toMatch(/^diff -u -N \S+\/v1\.ConfigMap\.lab\.app \S+\/v1\.ConfigMap\.lab\.app$/m);
      expect(changed.stdout).toMatch(/^- {2}color: green$/m);
      expect(changed.stdout).toMatch(/^\+ {2}color: yellow$/m);
      expect(changed.stdout).toMatch(/^ {3}owner: ops$/m);
      expect(changed.stdout.split('\n').filter((line) => /^[-+][^-+]/.test(line))).toEqual([
        '-  color: green',
        '+  color: yellow',
      ]);
      expect((await json('configmap', 'app')).data.color).toBe('green');
    });

    it('apply --server-side records the field manager, and a second manager conflicts until it forces', async () => {
      const ssa = (value: string) =>
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n  namespace: ${NS}\ndata:\n  key: ${value}\n`;
      expect(await lab.kubectl(['apply', '--server-side', '-f', '-'], { stdin: ssa('one') })).toMatchObject({
        code: 0,
        stdout: 'configmap/shared serverside-applied\n',
      });
      const first = await lab.kubectl(['get', 'cm', 'shared', '-n', NS, '-o', 'json', '--show-managed-fields']);
      expect(JSON.parse(first.stdout).metadata.managedFields).toEqual([
        {
          manager: 'kubectl',
          operation: 'Apply',
          apiVersion: 'v1',
          time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:data': { 'f:key': {} } },
        },
      ]);

      const conflict = await lab.kubectl(['apply', '--server-side', '--field-manager=other', '-f', '-'], {
        stdin: ssa('two'),
      });
      expect(conflict.code).toBe(1);
      expect(conflict.stderr).toMatch(/^error: Apply failed with 1 conflict: conflict with "kubectl": \.data\.key\n/);
      expect(conflict.stderr).toContain('command with the `--force-conflicts` flag.');
      expect((await json('configmap', 'shared')).data).toEqual({ key: 'one' });

      const forced = await lab.kubectl(
        ['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', '-'],
        {
          stdin: ssa('two'),
        },
      );
      expect(forced).toMatchObject({ code: 0, stdout: 'configmap/shared serverside-applied\n' });
      const after = JSON.parse(
        (await lab.kubectl(['get', 'cm', 'shared', '-n', NS, '-o', 'json', '--show-managed-fields'])).stdout,
      );
      expect(after.data).toEqual({ key: 'two' });
      expect(after.metadata.managedFields.map((m: { manager: string }) => m.manager)).toEqual(['other']);
    });

    it('replace writes the whole object, and fails with a Conflict when the resourceVersion is stale', async () => {
      const live = await json('configmap', 'app');
      live.data = { color: 'purple' };
      const stale = structuredClone(live);
      expect(await lab.kubectl(['replace', '-f', '-'], { stdin: JSON.stringify(live) })).toMatchObject({
        code: 0,
        stdout: 'configmap/app replaced\n',
      });
      stale.data = { color: 'orange' };
      const conflict = await lab.kubectl(['replace', '-f', '-'], { stdin: JSON.stringify(stale) });
      expect(conflict.code).toBe(1);
      expect(conflict.stderr).toBe(
        'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on configmaps "app": ' +
          'the object has been modified; please apply your changes to the latest version and try again\n',
      );
      expect((await json('configmap', 'app')).data).toEqual({ color: 'purple' });
    });

    it('replace --force deletes and re-creates the object, with a new uid', async () => {
      const live = await json('configmap', 'app');
      const forced = await lab.kubectl(['replace', '--force', '-f', '-'], {
        stdin: JSON.stringify({ ...live, data: { color: 'teal' } }),
      });
      expect(forced).toMatchObject({ code: 0, stdout: 'configmap "app" deleted\nconfigmap/app replaced\n' });
      const after = await json('configmap', 'app');
      expect(after.metadata.uid).not.toBe(live.metadata.uid);
      expect(after.data).toEqual({ color: 'teal' });
    });

    it('run creates a Pending pod labelled run=<name>', async () => {
      expect(await kubectl('run', 'shell', '--image=busybox', '--', 'sleep', '3600')).toMatchObject({
        code: 0,
        stdout: 'pod/shell created\n',
      });
      const pod = await json('pod', 'shell');
      expect(pod.metadata.labels).toEqual({ run: 'shell' });
      expect(pod.spec.containers[0]).toMatchObject({
        name: 'shell',
        image: 'busybox',
        args: ['sleep', '3600'],
        imagePullPolicy: 'Always',
      });
      expect(pod.status).toMatchObject({ phase: 'Pending', qosClass: 'BestEffort' });
      const row = (await kubectl('get', 'pod', 'shell', '--no-headers')).stdout;
      expect(row).toMatch(/^shell\s+0\/1\s+Pending\s+0\s+\d+s\n$/);
    });

    it('run gives the pod the default service account, its token volume, the default tolerations and priority 0', async () => {
      expect((await kubectl('run', 'admitted', '--image=nginx')).code).toBe(0);
      const pod = await json('pod', 'admitted');
      expect(pod.spec).toMatchObject({
        serviceAccountName: 'default',
        serviceAccount: 'default',
        priority: 0,
        preemptionPolicy: 'PreemptLowerPriority',
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ],
      });
      const volume = pod.spec.volumes[0];
      expect(volume.name).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
      expect(volume.projected.sources.map((s: Record<string, unknown>) => Object.keys(s)[0])).toEqual([
        'serviceAccountToken',
        'configMap',
        'downwardAPI',
      ]);
      expect(pod.spec.containers[0].volumeMounts).toEqual([
        { name: volume.name, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
      ]);
    });

    it('expose creates a service selecting the pods of a deployment', async () => {
      expect(await kubectl('expose', 'deployment', 'web', '--port=8080', '--target-port=80')).toMatchObject({
        code: 0,
        stdout: 'service/web exposed\n',
      });
      expect((await json('service', 'web')).spec).toMatchObject({
        selector: { app: 'web' },
        ports: [{ port: 8080, protocol: 'TCP', targetPort: 80 }],
        type: 'ClusterIP',
      });
      expect(await kubectl('expose', 'pod', 'shell', '--port=80', '--name=shell-svc')).toMatchObject({
        code: 0,
        stdout: 'service/shell-svc exposed\n',
      });
      expect((await json('service', 'shell-svc')).spec.selector).toEqual({ run: 'shell' });
    });
  });

  describe('dry runs', () => {
    const draft = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: draft\n  namespace: ${NS}\ndata:\n  a: "1"\n`;

    it('create --dry-run=server answers the object the server would store, and stores nothing', async () => {
      const result = await kubectl(
        'create',
        'configmap',
        'draft',
        '--from-literal=a=1',
        '--dry-run=server',
        '-o',
        'json',
      );
      expect(result.code).toBe(0);
      const obj = JSON.parse(result.stdout);
      expect(obj.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(obj.metadata.creationTimestamp).toMatch(/Z$/);
      // A copy of the object before storage: no resourceVersion has been assigned.
      expect(obj.metadata.resourceVersion).toBeUndefined();
      expect(await kubectl('create', 'configmap', 'draft', '--dry-run=server')).toMatchObject({
        code: 0,
        stdout: 'configmap/draft created (server dry run)\n',
      });
      expect(await kubectl('create', 'configmap', 'draft', '--dry-run=client')).toMatchObject({
        code: 0,
        stdout: 'configmap/draft created (dry run)\n',
      });
      expect((await kubectl('get', 'configmap', 'draft')).stderr).toBe(
        'Error from server (NotFound): configmaps "draft" not found\n',
      );
    });

    it('apply --dry-run=server and =client, client- and server-side, store nothing', async () => {
      expect(await lab.kubectl(['apply', '--dry-run=server', '-f', '-'], { stdin: draft })).toMatchObject({
        code: 0,
        stdout: 'configmap/draft created (server dry run)\n',
      });
      expect(await lab.kubectl(['apply', '--dry-run=client', '-f', '-'], { stdin: draft })).toMatchObject({
        code: 0,
        stdout: 'configmap/draft created (dry run)\n',
      });
      expect(
        await lab.kubectl(['apply', '--server-side', '--dry-run=server', '-f', '-'], { stdin: draft }),
      ).toMatchObject({ code: 0, stdout: 'configmap/draft serverside-applied (server dry run)\n' });
      expect((await kubectl('get', 'configmap', 'draft')).code).toBe(1);
    });

    it('apply --dry-run=server of a change leaves the live object as it was', async () => {
      const before = await json('configmap', 'settings');
      const change = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ${NS}\ndata:\n  color: black\n`;
      expect(await lab.kubectl(['apply', '--dry-run=server', '-f', '-'], { stdin: change })).toMatchObject({
        code: 0,
        stdout: 'configmap/settings configured (server dry run)\n',
      });
      const after = await json('configmap', 'settings');
      expect(after.data).toEqual({ color: 'blue' });
      expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    });
  });
});
