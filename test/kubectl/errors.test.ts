// Errors as kubectl prints them from a real API server: malformed and invalid manifests, unknown kinds and fields,
// oversized bodies, conflicts, missing namespaces, AlreadyExists and NotFound, authentication and authorization.
// After each, the server keeps serving and what it stored is unchanged.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../support/lab-server.ts';
import { removeLab, startLab } from '../support/lab-server.ts';

const NS = 'errs';

const configMap = (name: string, body = '') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${NS}\n${body}`;

const deployment = (name: string, replicas: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${NS}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: c
        image: nginx
${extra}`;

describe('errors', () => {
  let lab: Lab;
  let storedBefore = '';
  const kubectl = (...args: string[]) => lab.kubectl(['-n', NS, ...args]);
  const create = (stdin: string, ...flags: string[]) => lab.kubectl(['create', '-f', '-', ...flags], { stdin });
  const stored = async () =>
    (
      await lab.kubectl([
        'get',
        'configmaps,deployments,pods',
        '-n',
        NS,
        '-o',
        'jsonpath={range .items[*]}{.kind}/{.metadata.name}@{.metadata.resourceVersion} {end}',
      ])
    ).stdout;

  beforeAll(async () => {
    lab = await startLab();
    expect((await lab.kubectl(['create', 'namespace', NS])).code).toBe(0);
    expect((await create(configMap('existing', 'data:\n  a: "1"\n'))).code).toBe(0);
    storedBefore = await stored();
  });

  afterAll(async () => {
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  describe('manifests the server refuses', () => {
    it('malformed YAML is refused by kubectl before anything is sent', async () => {
      const { code, stderr } = await create('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: y\n');
      expect(code).toBe(1);
      expect(stderr).toBe(
        'error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: did not find expected key\n',
      );
    });

    it('an invalid name is Invalid, with the RFC 1123 explanation', async () => {
      const { code, stderr } = await create(configMap('Bad_Name'));
      expect(code).toBe(1);
      expect(stderr).toBe(
        `The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n`,
      );
    });

    it('a pod without an image is Invalid: Required value', async () => {
      const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  namespace: ${NS}\nspec:\n  containers:\n  - name: c\n`;
      expect(await create(pod)).toMatchObject({
        code: 1,
        stderr: 'The Pod "x" is invalid: spec.containers[0].image: Required value\n',
      });
    });

    it('several invalid fields are listed one per line', async () => {
      const { code, stderr } = await create(
        deployment('neg', '-1', '        ports:\n        - containerPort: 70000\n'),
      );
      expect(code).toBe(1);
      expect(stderr).toBe(
        'The Deployment "neg" is invalid: \n' +
          '* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n' +
          '* spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n',
      );
    });

    it('an unknown kind has no mapping: kubectl says to install its CRD first', async () => {
      const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n';
      const { code, stderr } = await lab.kubectl(['apply', '--validate=false', '-f', '-'], { stdin: widget });
      expect(code).toBe(1);
      expect(stderr).toBe(
        'error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "example.com/v1"\n' +
          'ensure CRDs are installed first\n',
      );
    });

    it('an unknown kind gives the same "no matches for kind" error with validation on', async () => {
      const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n';
      const { code, stderr } = await lab.kubectl(['apply', '-f', '-'], { stdin: widget });
      expect(code).toBe(1);
      expect(stderr).toBe(
        'error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "example.com/v1"\n' +
          'ensure CRDs are installed first\n',
      );
    });

    it('an unknown field is refused in strict validation, the default', async () => {
      const { code, stderr } = await create(configMap('unknown', 'data:\n  a: b\nextra: 1\n'));
      expect(code).toBe(1);
      expect(stderr).toBe(
        'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "extra"\n',
      );
      const nested = await create(deployment('typo', '1', '        imagePullPolice: Always\n'));
      expect(nested.stderr).toBe(
        'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolice"\n',
      );
    });

    it('an unknown field is a warning with --validate=warn and silently dropped with --validate=false', async () => {
      const warned = await create(configMap('warned', 'data:\n  a: b\nextra: 1\n'), '--validate=warn');
      expect(warned).toMatchObject({
        code: 0,
        stdout: 'configmap/warned created\n',
        stderr: 'Warning: unknown field "extra"\n',
      });
      const ignored = await create(configMap('ignored', 'data:\n  a: b\nextra: 1\n'), '--validate=false');
      expect(ignored).toMatchObject({ code: 0, stdout: 'configmap/ignored created\n', stderr: '' });
      const obj = JSON.parse((await kubectl('get', 'configmap', 'ignored', '-o', 'json')).stdout);
      expect(obj.extra).toBeUndefined();
      await kubectl('delete', 'configmap', 'warned', 'ignored');
    });

    it('server-side apply types the configuration whatever the validation: an unknown field fails', async () => {
      const manifest = configMap('applied', 'data:\n  a: b\nextra: 1\n');
      for (const validate of ['--validate=strict', '--validate=false']) {
        const { code, stderr } = await lab.kubectl(['apply', '--server-side', validate, '-f', '-'], {
          stdin: manifest,
        });
        expect(code).toBe(1);
        expect(stderr).toBe(
          `Error from server: failed to create typed patch object (${NS}/applied; /v1, Kind=ConfigMap): .extra: field not declared in schema\n`,
        );
      }
    });

    it('a value of the wrong type cannot be decoded', async () => {
      const { code, stderr } = await create(deployment('typed', '"three"'));
      expect(code).toBe(1);
      expect(stderr).toBe(
        'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
      );
      const applied = await lab.kubectl(['apply', '--server-side', '-f', '-'], {
        stdin: deployment('typed', '"three"'),
      });
      expect(applied.stderr).toBe(
        `Error from server: failed to create typed patch object (${NS}/typed; apps/v1, Kind=Deployment): .spec.replicas: expected numeric (int or float), got string\n`,
      );
    });

    it('a body over 3 MiB is RequestEntityTooLarge', async () => {
      const huge = JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'huge', namespace: NS },
        data: { big: 'x'.repeat(10 * 1024 * 1024) },
      });
      const file = join(lab.dir, 'huge.json');
      await writeFile(file, huge);
      const { code, stderr } = await lab.kubectl(['create', '-f', file]);
      expect(code).toBe(1);
      expect(stderr).toBe(
        `Error from server (RequestEntityTooLarge): error when creating "${file}": Request entity too large: limit is 3145728\n`,
      );
    });

    it('a configmap over 1 MiB is Invalid', async () => {
      const big = JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'big', namespace: NS },
        data: { big: 'x'.repeat(2 * 1024 * 1024) },
      });
      const file = join(lab.dir, 'big.json');
      await writeFile(file, big);
      expect(await lab.kubectl(['create', '-f', file])).toMatchObject({
        code: 1,
        stderr: 'The ConfigMap "big" is invalid: : Too long: may not be more than 1048576 bytes\n',
      });
    });
  });

  describe('objects that clash with what is stored', () => {
    it('a replace with a stale resourceVersion is a Conflict', async () => {
      const live = JSON.parse((await kubectl('get', 'configmap', 'existing', '-o', 'json')).stdout);
      live.metadata.resourceVersion = String(Number(live.metadata.resourceVersion) - 1);
      live.data = { a: 'stale' };
      const { code, stderr } = await lab.kubectl(['replace', '-f', '-'], { stdin: JSON.stringify(live) });
      expect(code).toBe(1);
      expect(stderr).toBe(
        'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on configmaps "existing": the object has been modified; please apply your changes to the latest version and try again\n',
      );
    });

    it('creating in a namespace that does not exist is NotFound', async () => {
      expect(await lab.kubectl(['create', 'configmap', 'x', '-n', 'nowhere'])).toMatchObject({
        code: 1,
        stderr: 'error: failed to create configmap: namespaces "nowhere" not found\n',
      });
      const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: nowhere\n';
      expect(await create(manifest)).toMatchObject({
        code: 1,
        stderr: 'Error from server (NotFound): error when creating "STDIN": namespaces "nowhere" not found\n',
      });
    });

    it('creating in a Terminating namespace is Forbidden', async () => {
      await lab.kubectl(['create', 'namespace', 'closing']);
      const held =
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  namespace: closing\n  finalizers: [example.com/hold]\n';
      await create(held);
      await lab.kubectl(['delete', 'namespace', 'closing', '--wait=false']);
      const { code, stderr } = await create(
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: late\n  namespace: closing\n',
      );
      expect(code).toBe(1);
      expect(stderr).toBe(
        'Error from server (Forbidden): error when creating "STDIN": configmaps "late" is forbidden: unable to create new content in namespace closing because it is being terminated\n',
      );
    });

    it('creating an object twice is AlreadyExists', async () => {
      expect(await kubectl('create', 'configmap', 'existing')).toMatchObject({
        code: 1,
        stderr: 'error: failed to create configmap: configmaps "existing" already exists\n',
      });
      expect(await create(configMap('existing'))).toMatchObject({
        code: 1,
        stderr:
          'Error from server (AlreadyExists): error when creating "STDIN": configmaps "existing" already exists\n',
      });
    });

    it('getting or deleting what is not there is NotFound, naming the group outside core', async () => {
      expect(await kubectl('get', 'configmap', 'missing')).toMatchObject({
        code: 1,
        stderr: 'Error from server (NotFound): configmaps "missing" not found\n',
      });
      expect(await kubectl('get', 'deployment', 'missing')).toMatchObject({
        code: 1,
        stderr: 'Error from server (NotFound): deployments.apps "missing" not found\n',
      });
      expect(await kubectl('delete', 'deployment', 'missing')).toMatchObject({
        code: 1,
        stderr: 'Error from server (NotFound): deployments.apps "missing" not found\n',
      });
      expect(await kubectl('get', 'configmap', 'missing', '--ignore-not-found')).toMatchObject({ code: 0, stdout: '' });
    });

    it('an unknown resource type is reported by kubectl', async () => {
      expect(await kubectl('get', 'widgets')).toMatchObject({
        code: 1,
        stderr: 'error: the server doesn\'t have a resource type "widgets"\n',
      });
    });
  });

  describe('authentication and authorization', () => {
    const tokenKubeconfig = async (name: string, token: string) => {
      const ca = (
        await lab.kubectl([
          'config',
          'view',
          '--raw',
          '-o',
          'jsonpath={.clusters[0].cluster.certificate-authority-data}',
        ])
      ).stdout;
      const caFile = join(lab.dir, 'ca.crt');
      await writeFile(caFile, Buffer.from(ca, 'base64'));
      const file = join(lab.dir, `${name}.kubeconfig`);
      const config = (...args: string[]) => lab.kubectl(['config', `--kubeconfig=${file}`, ...args]);
      await config('set-cluster', 'lab', `--server=${lab.url}`, `--certificate-authority=${caFile}`, '--embed-certs');
      await config('set-credentials', name, `--token=${token}`);
      await config('set-context', name, '--cluster=lab', `--user=${name}`);
      await config('use-context', name);
      return file;
    };

    it('a bad bearer token is Unauthorized', async () => {
      const file = await tokenKubeconfig('stranger', 'not-a-real-token');
      expect(await lab.kubectl([`--kubeconfig=${file}`, 'get', 'pods'])).toMatchObject({
        code: 1,
        stderr: 'error: You must be logged in to the server (Unauthorized)\n',
      });
      expect(await lab.kubectl([`--kubeconfig=${file}`, 'get', '--raw', '/api/v1/namespaces'])).toMatchObject({
        code: 1,
        stderr: 'error: You must be logged in to the server (Unauthorized)\n',
      });
    });

    it('auth whoami names the admin of the lab kubeconfig', async () => {
      const { code, stdout } = await lab.kubectl(['auth', 'whoami', '-o', 'json']);
      expect(code).toBe(0);
      const review = JSON.parse(stdout);
      expect(review).toMatchObject({ kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1' });
      expect(review.status.userInfo.username).toBe('kubernetes-admin');
      expect(review.status.userInfo.groups).toEqual(['system:masters', 'system:authenticated']);
      const table = (await lab.kubectl(['auth', 'whoami'])).stdout;
      expect(table).toMatch(
        /^ATTRIBUTE\s+VALUE\nUsername\s+kubernetes-admin\nGroups\s+\[system:masters system:authenticated\]\n/,
      );
    });

    it('auth can-i answers yes for the admin', async () => {
      expect(await lab.kubectl(['auth', 'can-i', 'create', 'deployments', '-n', NS])).toMatchObject({
        code: 0,
        stdout: 'yes\n',
      });
      expect(await lab.kubectl(['auth', 'can-i', '*', '*'])).toMatchObject({ code: 0, stdout: 'yes\n' });
    });

    it('create token issues a service account token that authenticates as the service account', async () => {
      expect((await kubectl('create', 'serviceaccount', 'bot')).code).toBe(0);
      const issued = await kubectl('create', 'token', 'bot');
      expect(issued.code).toBe(0);
      const token = issued.stdout.trim();
      expect(token.split('.')).toHaveLength(3);
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
      expect(claims.sub).toBe(`system:serviceaccount:${NS}:bot`);
      expect(claims.aud).toEqual(['https://kubernetes.default.svc.cluster.local']);
      expect(claims.exp - claims.iat).toBe(3600);

      const file = await tokenKubeconfig('bot', token);
      const whoami = await lab.kubectl([`--kubeconfig=${file}`, 'auth', 'whoami', '-o', 'json']);
      expect(JSON.parse(whoami.stdout).status.userInfo).toMatchObject({
        username: `system:serviceaccount:${NS}:bot`,
        groups: ['system:serviceaccounts', `system:serviceaccounts:${NS}`, 'system:authenticated'],
      });
      expect(await lab.kubectl([`--kubeconfig=${file}`, 'auth', 'can-i', 'list', 'pods', '-n', NS])).toMatchObject({
        code: 1,
        stdout: 'no\n',
      });
      expect(await lab.kubectl([`--kubeconfig=${file}`, 'get', 'pods', '-n', NS])).toMatchObject({
        code: 1,
        stderr: `Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:${NS}:bot" cannot list resource "pods" in API group "" in the namespace "${NS}"\n`,
      });
    });

    it('auth can-i --as=alice answers no for a user without roles, and requests as alice are forbidden', async () => {
      expect(await lab.kubectl(['auth', 'can-i', 'create', 'pods', '--as=alice'])).toMatchObject({
        code: 1,
        stdout: 'no\n',
      });
      expect(await lab.kubectl(['get', 'pods', '-n', 'default', '--as=alice'])).toMatchObject({
        code: 1,
        stderr:
          'Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"\n',
      });
      const whoami = JSON.parse(
        (await lab.kubectl(['auth', 'whoami', '--as=alice', '--as-group=devs', '-o', 'json'])).stdout,
      );
      expect(whoami.status.userInfo).toEqual({ username: 'alice', groups: ['devs', 'system:authenticated'] });
    });

    it.todo('a service account bound to a Role can do what the Role allows (RBAC authorizer)');
  });

  it('the server keeps serving, and what it stored is unchanged', async () => {
    expect(await lab.kubectl(['get', '--raw', '/readyz'])).toMatchObject({ code: 0, stdout: 'ok' });
    expect(await stored()).toBe(storedBefore);
  });
});
