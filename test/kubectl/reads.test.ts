// Reading objects: output formats, all namespaces, label and field selectors, paginated lists of more than 500
// objects read from one snapshot, sorting, describe, and events.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../support/lab-server.ts';
import { STATIC_WORKLOADS, removeLab, startLab } from '../support/lab-server.ts';

const NS = 'reads';
const BULK = 'bulk';
const BULK_COUNT = 1200;

const names = (stdout: string) => stdout.split('\n').filter(Boolean);
const bulkName = (i: number) => `cm-${String(i).padStart(4, '0')}`;

describe('reading objects', () => {
  let lab: Lab;
  const kubectl = (...args: string[]) => lab.kubectl(['-n', NS, ...args]);

  beforeAll(async () => {
    lab = await startLab({ args: STATIC_WORKLOADS });
    const labelled: [name: string, labels: Record<string, string>][] = [
      ['red', { env: 'prod', tier: 'web' }],
      ['green', { env: 'staging', tier: 'web' }],
      ['blue', { env: 'dev' }],
      ['plain', {}],
    ];
    const docs = labelled.map(
      ([name, labels]) =>
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name, namespace: NS, ...(Object.keys(labels).length ? { labels } : {}) },
          data: { rank: String(name.length) },
        }) + '\n',
    );
    const setup = await lab.kubectl(['create', '-f', '-'], {
      stdin: [`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${NS}\n`, ...docs].join('---\n'),
    });
    expect(setup.stderr).toBe('');
    expect(setup.stdout.split('\n').filter(Boolean)).toHaveLength(1 + labelled.length);
    // As in every namespace of a real cluster, the root CA publisher adds kube-root-ca.crt to the listings below.
    expect((await kubectl('wait', '--for=create', 'configmap/kube-root-ca.crt', '--timeout=20s')).code).toBe(0);
  });

  afterAll(async () => {
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  describe('output formats', () => {
    it('prints a table with -o wide, including the wide-only columns', async () => {
      expect((await kubectl('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3')).code).toBe(0);
      const { code, stdout } = await kubectl('get', 'deployments', '-o', 'wide');
      expect(code).toBe(0);
      const [header, row] = stdout.trimEnd().split('\n');
      expect(header).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/);
      expect(row).toMatch(/^web\s+0\/3\s+0\s+0\s+\d+s\s+nginx\s+nginx:1\.27\s+app=web$/);
    });

    it('prints yaml and json of one object, and a List of several', async () => {
      const yaml = await kubectl('get', 'configmap', 'red', '-o', 'yaml');
      expect(yaml.stdout).toMatch(
        /^apiVersion: v1\ndata:\n {2}rank: "3"\nkind: ConfigMap\nmetadata:\n {2}creationTimestamp: "[^"]+"\n {2}labels:\n {4}env: prod\n {4}tier: web\n {2}name: red\n {2}namespace: reads\n {2}resourceVersion: "\d+"\n {2}uid: [0-9a-f-]{36}\n$/,
      );
      const one = JSON.parse((await kubectl('get', 'configmap', 'red', '-o', 'json')).stdout);
      expect(one).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'red', namespace: NS } });
      const list = JSON.parse((await kubectl('get', 'configmaps', '-o', 'json')).stdout);
      expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' } });
      expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual([
        'blue',
        'green',
        'kube-root-ca.crt',
        'plain',
        'red',
      ]);
    });

    it('prints names, jsonpath and custom columns', async () => {
      expect((await kubectl('get', 'configmaps', '-o', 'name')).stdout).toBe(
        'configmap/blue\nconfigmap/green\nconfigmap/kube-root-ca.crt\nconfigmap/plain\nconfigmap/red\n',
      );
      expect((await kubectl('get', 'configmap', 'red', '-o', 'jsonpath={.kind}/{.metadata.labels.env}')).stdout).toBe(
        'ConfigMap/prod',
      );
      const range = await kubectl(
        'get',
        'configmaps',
        '-o',
        'jsonpath={range .items[*]}{.metadata.name}={.data.rank}{"\\n"}{end}',
      );
      expect(range.stdout).toBe('blue=4\ngreen=5\nkube-root-ca.crt=\nplain=5\nred=3\n');
      const columns = await kubectl(
        'get',
        'configmaps',
        '-o',
        'custom-columns=NAME:.metadata.name,ENV:.metadata.labels.env',
      );
      expect(columns.stdout).toMatch(
        /^NAME\s+ENV\nblue\s+dev\ngreen\s+staging\nkube-root-ca\.crt\s+<none>\nplain\s+<none>\nred\s+prod\n$/,
      );
    });

    it('lists every namespace with -A, with a NAMESPACE column', async () => {
      const { stdout } = await lab.kubectl(['get', 'configmaps', '-A']);
      const lines = stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^NAMESPACE\s+NAME\s+DATA\s+AGE$/);
      expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^reads\s+red\s+1\s+\d+s$/)]));
      const services = await lab.kubectl(['get', 'services', '-A', '--no-headers']);
      expect(services.stdout).toMatch(/^default\s+kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+\d+s$/m);
    });
  });

  describe('selectors', () => {
    const select = async (...args: string[]) =>
      names((await kubectl('get', 'configmaps', '-o', 'name', ...args)).stdout);

    it('selects by label equality, inequality, set membership and existence', async () => {
      expect(await select('-l', 'env=prod')).toEqual(['configmap/red']);
      expect(await select('-l', 'env==prod')).toEqual(['configmap/red']);
      expect(await select('-l', 'env!=prod')).toEqual([
        'configmap/blue',
        'configmap/green',
        'configmap/kube-root-ca.crt',
        'configmap/plain',
      ]);
      expect(await select('-l', 'env in (prod,dev)')).toEqual(['configmap/blue', 'configmap/red']);
      expect(await select('-l', 'env notin (prod,dev)')).toEqual([
        'configmap/green',
        'configmap/kube-root-ca.crt',
        'configmap/plain',
      ]);
      expect(await select('-l', 'tier')).toEqual(['configmap/green', 'configmap/red']);
      expect(await select('-l', '!tier')).toEqual(['configmap/blue', 'configmap/kube-root-ca.crt', 'configmap/plain']);
      expect(await select('-l', 'tier=web,env!=staging')).toEqual(['configmap/red']);
    });

    it('says so when a label selector matches nothing', async () => {
      expect(await kubectl('get', 'configmaps', '-l', 'env=qa')).toMatchObject({
        code: 0,
        stdout: '',
        stderr: 'No resources found in reads namespace.\n',
      });
    });

    it('refuses a malformed label selector as the API server does', async () => {
      const { code, stderr } = await kubectl('get', 'configmaps', '-l', 'env in prod');
      expect(code).toBe(1);
      expect(stderr).toBe(
        'Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "env in prod", field selector "": unable to parse requirement: found \'prod\' expected: \'(\'\n',
      );
    });

    it('selects by metadata.name and metadata.namespace fields', async () => {
      expect(await select('--field-selector', 'metadata.name=green')).toEqual(['configmap/green']);
      expect(await select('--field-selector', 'metadata.name!=green')).toEqual([
        'configmap/blue',
        'configmap/kube-root-ca.crt',
        'configmap/plain',
        'configmap/red',
      ]);
      const all = await lab.kubectl([
        'get',
        'configmaps',
        '-A',
        '--field-selector',
        `metadata.namespace=${NS},metadata.name=blue`,
        '-o',
        'name',
      ]);
      expect(all.stdout).toBe('configmap/blue\n');
    });

    it('selects pods by status.phase', async () => {
      expect((await kubectl('run', 'waiting', '--image=nginx')).code).toBe(0);
      const pending = await kubectl('get', 'pods', '--field-selector', 'status.phase=Pending', '-o', 'name');
      expect(pending.stdout).toBe('pod/waiting\n');
      const running = await kubectl('get', 'pods', '--field-selector', 'status.phase=Running');
      expect(running).toMatchObject({ code: 0, stdout: '', stderr: 'No resources found in reads namespace.\n' });
      const unscheduled = await kubectl('get', 'pods', '--field-selector', 'spec.nodeName=', '-o', 'name');
      expect(unscheduled.stdout).toBe('pod/waiting\n');
    });

    it('refuses a field the resource cannot be selected by', async () => {
      const { code, stderr } = await kubectl('get', 'configmaps', '--field-selector', 'data.rank=3');
      expect(code).toBe(1);
      expect(stderr).toBe(
        'Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "", field selector "data.rank=3": field label not supported: data.rank\n',
      );
    });
  });

  describe('pagination', () => {
    beforeAll(async () => {
      const items = Array.from({ length: BULK_COUNT }, (_, i) => ({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: bulkName(i), namespace: BULK, labels: { batch: `b${i % 3}` } },
        data: { i: String(i) },
      }));
      expect((await lab.kubectl(['create', 'namespace', BULK])).code).toBe(0);
      const created = await lab.kubectl(['create', '-f', '-'], {
        stdin: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
        timeoutMs: 60_000,
      });
      expect(created.code).toBe(0);
      expect(names(created.stdout)).toHaveLength(BULK_COUNT);
      const rootCA = await lab.kubectl([
        'wait',
        '--for=create',
        'configmap/kube-root-ca.crt',
        '-n',
        BULK,
        '--timeout=20s',
      ]);
      expect(rootCA.code).toBe(0);
    });

    /** The bulk ConfigMaps in key order, then the namespace's kube-root-ca.crt. */
    const bulkNames = () => [...Array.from({ length: BULK_COUNT }, (_, i) => bulkName(i)), 'kube-root-ca.crt'];

    it('validates the items of a kind: List on the client, as kubectl does with OpenAPI v2', async () => {
      const list = {
        apiVersion: 'v1',
        kind: 'List',
        items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'odd' }, bogus: 1 }],
      };
      const { code, stderr } = await lab.kubectl(['create', '-n', BULK, '-f', '-'], { stdin: JSON.stringify(list) });
      expect(code).toBe(1);
      expect(stderr).toContain('ValidationError(ConfigMap): unknown field "bogus" in io.k8s.api.core.v1.ConfigMap');
    });

    it('lists 1200 objects in chunks with the same result as in one piece', async () => {
      const chunked = await lab.kubectl(['get', 'configmaps', '-n', BULK, '--chunk-size=100', '-o', 'name']);
      const whole = await lab.kubectl(['get', 'configmaps', '-n', BULK, '--chunk-size=0', '-o', 'name']);
      const expected = bulkNames().map((name) => `configmap/${name}`);
      expect(names(chunked.stdout)).toEqual(expected);
      expect(names(whole.stdout)).toEqual(expected);
      const table = await lab.kubectl(['get', 'configmaps', '-n', BULK, '--no-headers']);
      expect(names(table.stdout)).toHaveLength(BULK_COUNT + 1);
      const selected = await lab.kubectl([
        'get',
        'configmaps',
        '-n',
        BULK,
        '-l',
        'batch=b1',
        '--chunk-size=50',
        '-o',
        'name',
      ]);
      expect(names(selected.stdout)).toHaveLength(BULK_COUNT / 3);
    });

    it('pages with continue tokens from one snapshot, unaffected by writes between pages', async () => {
      const page = async (query: string) => {
        const { code, stdout, stderr } = await lab.kubectl([
          'get',
          '--raw',
          `/api/v1/namespaces/${BULK}/configmaps?${query}`,
        ]);
        expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
        return JSON.parse(stdout) as {
          metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
          items: { metadata: { name: string } }[];
        };
      };
      const first = await page('limit=500');
      expect(first.items).toHaveLength(500);
      expect(first.metadata.remainingItemCount).toBe(701);
      expect(first.metadata.continue).toBeTruthy();

      // Writes after the first page: a new object and a deleted one, both in later pages.
      expect((await lab.kubectl(['create', 'configmap', 'cm-1100a', '-n', BULK])).code).toBe(0);
      expect((await lab.kubectl(['delete', 'configmap', 'cm-1150', '-n', BULK])).code).toBe(0);

      const second = await page(`limit=500&continue=${encodeURIComponent(first.metadata.continue!)}`);
      expect(second.items).toHaveLength(500);
      expect(second.metadata.remainingItemCount).toBe(201);
      expect(second.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
      const third = await page(`limit=500&continue=${encodeURIComponent(second.metadata.continue!)}`);
      expect(third.items).toHaveLength(201);
      expect(third.metadata.continue).toBeUndefined();
      const all = [...first.items, ...second.items, ...third.items].map((i) => i.metadata.name);
      expect(all).toEqual(bulkNames());

      const fresh = await lab.kubectl(['get', 'configmaps', '-n', BULK, '--chunk-size=500', '-o', 'name']);
      expect(names(fresh.stdout)).toHaveLength(BULK_COUNT + 1);
      expect(names(fresh.stdout)).toContain('configmap/cm-1100a');
      expect(names(fresh.stdout)).not.toContain('configmap/cm-1150');
    });

    it('refuses a continue token together with a resourceVersion', async () => {
      const first = JSON.parse(
        (await lab.kubectl(['get', '--raw', `/api/v1/namespaces/${BULK}/configmaps?limit=10`])).stdout,
      );
      const { code, stderr } = await lab.kubectl([
        'get',
        '--raw',
        `/api/v1/namespaces/${BULK}/configmaps?limit=10&resourceVersion=1&continue=${encodeURIComponent(first.metadata.continue)}`,
      ]);
      expect(code).toBe(1);
      expect(stderr).toBe(
        'Error from server (BadRequest): specifying resource version is not allowed when using continue\n',
      );
    });
  });

  describe('sorting, describe and events', () => {
    it('sorts by a field of the objects with --sort-by', async () => {
      const byName = await kubectl('get', 'configmaps', '--sort-by=.metadata.name', '-o', 'name');
      expect(names(byName.stdout)).toEqual([
        'configmap/blue',
        'configmap/green',
        'configmap/kube-root-ca.crt',
        'configmap/plain',
        'configmap/red',
      ]);
      const byRank = await kubectl('get', 'configmaps', '--sort-by=.data.rank', '--no-headers');
      // kubectl sorts objects without the field first.
      expect(names(byRank.stdout).map((line) => line.split(/\s+/)[0])).toEqual([
        'kube-root-ca.crt',
        'red',
        'blue',
        'green',
        'plain',
      ]);
      const byLabel = await kubectl('get', 'configmaps', '--sort-by={.metadata.labels.env}', '-o', 'name');
      expect(names(byLabel.stdout)).toEqual([
        'configmap/plain',
        'configmap/kube-root-ca.crt',
        'configmap/blue',
        'configmap/red',
        'configmap/green',
      ]);
    });

    it('describes a deployment', async () => {
      const { code, stdout } = await kubectl('describe', 'deployment', 'web');
      expect(code).toBe(0);
      expect(stdout).toMatch(
        /^Name:\s+web\nNamespace:\s+reads\nCreationTimestamp:\s+\w{3}, \d\d \w{3} \d{4} [\d:]{8} \+0000\n/,
      );
      expect(stdout).toMatch(/^Labels:\s+app=web$/m);
      expect(stdout).toMatch(/^Selector:\s+app=web$/m);
      expect(stdout).toMatch(/^Replicas:\s+3 desired \| 0 updated \| 0 total \| 0 available \| 0 unavailable$/m);
      expect(stdout).toMatch(/^StrategyType:\s+RollingUpdate$/m);
      expect(stdout).toMatch(/^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m);
      expect(stdout).toMatch(/^ {3}nginx:\n {4}Image:\s+nginx:1\.27$/m);
      expect(stdout).toMatch(/^Events:\s+<none>$/m);
    });

    it('describes a service', async () => {
      expect((await kubectl('create', 'service', 'nodeport', 'front', '--tcp=80:8080')).code).toBe(0);
      const { code, stdout } = await kubectl('describe', 'service', 'front');
      expect(code).toBe(0);
      expect(stdout).toMatch(
        /^Name:\s+front\nNamespace:\s+reads\nLabels:\s+app=front\nAnnotations:\s+<none>\nSelector:\s+app=front\nType:\s+NodePort\n/,
      );
      expect(stdout).toMatch(/^IP Family Policy:\s+SingleStack$/m);
      expect(stdout).toMatch(/^IP Families:\s+IPv4$/m);
      expect(stdout).toMatch(/^Port:\s+80-8080\s+80\/TCP$/m);
      expect(stdout).toMatch(/^TargetPort:\s+8080\/TCP$/m);
      expect(stdout).toMatch(/^NodePort:\s+80-8080\s+3\d{4}\/TCP$/m);
      expect(stdout).toMatch(/^Session Affinity:\s+None$/m);
      expect(stdout).toMatch(/^External Traffic Policy:\s+Cluster$/m);
    });

    it('describes a namespace with its quota', async () => {
      expect((await kubectl('create', 'quota', 'small', '--hard=pods=10')).code).toBe(0);
      const { code, stdout } = await lab.kubectl(['describe', 'namespace', NS]);
      expect(code).toBe(0);
      expect(stdout).toMatch(
        /^Name:\s+reads\nLabels:\s+kubernetes\.io\/metadata\.name=reads\nAnnotations:\s+<none>\nStatus:\s+Active\n/,
      );
      expect(stdout).toMatch(/^Resource Quotas$/m);
      expect(stdout).toMatch(/^ {2}Name:\s+small$/m);
      expect(stdout).toMatch(/^No LimitRange resource\.$/m);
    });

    it('lists events, selects them by involved object, and describe shows those of an object', async () => {
      const red = JSON.parse((await kubectl('get', 'configmap', 'red', '-o', 'json')).stdout);
      const event = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'red.1', namespace: NS },
        involvedObject: { apiVersion: 'v1', kind: 'ConfigMap', name: 'red', namespace: NS, uid: red.metadata.uid },
        reason: 'Inspected',
        message: 'looked at by the test',
        type: 'Warning',
        firstTimestamp: '2026-01-01T00:00:00Z',
        lastTimestamp: '2026-01-01T00:00:00Z',
        count: 3,
        source: { component: 'e2e' },
      };
      expect(await lab.kubectl(['create', '-f', '-'], { stdin: JSON.stringify(event) })).toMatchObject({
        code: 0,
        stdout: 'event/red.1 created\n',
      });
      // The scheduler has its own events about this namespace's pods: list those of ConfigMaps.
      const events = await kubectl('get', 'events', '--field-selector', 'involvedObject.kind=ConfigMap');
      expect(events.stdout).toMatch(
        /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n\S+\s+Warning\s+Inspected\s+configmap\/red\s+looked at by the test\n$/,
      );
      const selected = await kubectl(
        'get',
        'events',
        '--field-selector',
        'involvedObject.kind=ConfigMap,type=Warning',
        '-o',
        'name',
      );
      expect(selected.stdout).toBe('event/red.1\n');
      const none = await kubectl('get', 'events', '--field-selector', 'involvedObject.name=blue');
      expect(none.stderr).toBe('No resources found in reads namespace.\n');
      const described = await kubectl('describe', 'configmap', 'red');
      expect(described.stdout).toMatch(/^Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n/m);
      expect(described.stdout).toMatch(/^\s+Warning\s+Inspected\s+\S+ \(x3 over \S+\)\s+e2e\s+looked at by the test$/m);
    });
  });
});
