// CustomResourceDefinitions: the CronTab CRD of the Kubernetes docs becomes Established and served; its custom
// resources are created, listed with their printer columns, patched, validated against the schema, pruned of unknown
// fields, scaled through the scale sub-resource, and removed with their CRD.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../support/lab-server.ts';
import { removeLab, startLab } from '../support/lab-server.ts';

const NS = 'crons';
const CRD_NAME = 'crontabs.stable.example.com';

const CRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${CRD_NAME}
spec:
  group: stable.example.com
  scope: Namespaced
  names:
    plural: crontabs
    singular: crontab
    kind: CronTab
    shortNames: [ct]
    categories: [all]
  versions:
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
      scale:
        specReplicasPath: .spec.replicas
        statusReplicasPath: .status.replicas
        labelSelectorPath: .status.labelSelector
    additionalPrinterColumns:
    - name: Spec
      type: string
      description: The cron spec defining the interval a CronJob is run
      jsonPath: .spec.cronSpec
    - name: Replicas
      type: integer
      description: The number of jobs launched by the CronJob
      jsonPath: .spec.replicas
    - name: Image
      type: string
      priority: 1
      jsonPath: .spec.image
    - name: Age
      type: date
      jsonPath: .metadata.creationTimestamp
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [cronSpec]
            properties:
              cronSpec:
                type: string
                pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'
              image:
                type: string
              replicas:
                type: integer
                minimum: 1
                maximum: 10
              mode:
                type: string
                enum: [Fast, Slow]
          status:
            type: object
            properties:
              replicas:
                type: integer
              labelSelector:
                type: string
`;

const cronTab = (name: string, spec: string) =>
  `apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: ${name}\n  namespace: ${NS}\nspec:\n${spec}`;

describe('custom resources', () => {
  let lab: Lab;
  const kubectl = (...args: string[]) => lab.kubectl(['-n', NS, ...args]);
  const get = async (name: string) => JSON.parse((await kubectl('get', 'crontab', name, '-o', 'json')).stdout);

  beforeAll(async () => {
    lab = await startLab();
    expect((await lab.kubectl(['create', 'namespace', NS])).code).toBe(0);
  });

  afterAll(async () => {
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  it('a CRD becomes Established, with its names accepted', async () => {
    expect(await lab.kubectl(['apply', '-f', '-'], { stdin: CRD })).toMatchObject({
      code: 0,
      stdout: `customresourcedefinition.apiextensions.k8s.io/${CRD_NAME} created\n`,
    });
    expect(
      await lab.kubectl(['wait', '--for=condition=Established', `crd/${CRD_NAME}`, '--timeout=20s']),
    ).toMatchObject({ code: 0, stdout: `customresourcedefinition.apiextensions.k8s.io/${CRD_NAME} condition met\n` });
    const crd = JSON.parse((await lab.kubectl(['get', 'crd', CRD_NAME, '-o', 'json'])).stdout);
    expect(crd.status.acceptedNames).toEqual({
      categories: ['all'],
      kind: 'CronTab',
      listKind: 'CronTabList',
      plural: 'crontabs',
      shortNames: ['ct'],
      singular: 'crontab',
    });
    const conditions = Object.fromEntries(
      (crd.status.conditions as { type: string; status: string; reason: string }[]).map((c) => [c.type, c]),
    );
    expect(conditions['NamesAccepted']).toMatchObject({ status: 'True', reason: 'NoConflicts' });
    expect(conditions['Established']).toMatchObject({ status: 'True', reason: 'InitialNamesAccepted' });
    expect((await lab.kubectl(['get', 'crd', CRD_NAME, '--no-headers'])).stdout).toMatch(
      /^crontabs\.stable\.example\.com\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/,
    );
    const resources = await lab.kubectl(['api-resources', '--api-group=stable.example.com', '--no-headers']);
    expect(resources.stdout).toMatch(/^crontabs\s+ct\s+stable\.example\.com\/v1\s+true\s+CronTab\n$/);
  });

  it('creates custom resources and lists them with the printer columns', async () => {
    expect(
      await lab.kubectl(['apply', '-f', '-'], {
        stdin: cronTab('my-cron', '  cronSpec: "* * * * */5"\n  image: my-awesome-cron-image\n  replicas: 2\n'),
      }),
    ).toMatchObject({ code: 0, stdout: 'crontab.stable.example.com/my-cron created\n' });
    expect(
      await lab.kubectl(['create', '-f', '-'], {
        stdin: cronTab('nightly', '  cronSpec: "0 3 * * *"\n  image: backup\n'),
      }),
    ).toMatchObject({ code: 0, stdout: 'crontab.stable.example.com/nightly created\n' });

    const table = await kubectl('get', 'crontabs');
    expect(table.stdout).toMatch(
      /^NAME\s+SPEC\s+REPLICAS\s+AGE\nmy-cron\s+\* \* \* \* \*\/5\s+2\s+\d+s\nnightly\s+0 3 \* \* \*\s+\d+s\n$/,
    );
    const wide = await kubectl('get', 'ct', 'my-cron', '-o', 'wide', '--no-headers');
    // Columns keep the CRD's order; -o wide adds the priority-1 Image column in its place, before Age.
    expect(wide.stdout).toMatch(/^my-cron\s+\* \* \* \* \*\/5\s+2\s+my-awesome-cron-image\s+\d+s\n$/);
    const all = await kubectl('get', 'all', '-o', 'name');
    expect(all.stdout.split('\n').filter(Boolean)).toEqual([
      'crontab.stable.example.com/my-cron',
      'crontab.stable.example.com/nightly',
    ]);
    const obj = await get('my-cron');
    expect(obj).toMatchObject({
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'my-cron', namespace: NS, generation: 1 },
      spec: { cronSpec: '* * * * */5', image: 'my-awesome-cron-image', replicas: 2 },
    });
  });

  it('patches custom resources with merge and JSON patches', async () => {
    expect(
      await kubectl('patch', 'crontab', 'my-cron', '--type=merge', '-p', '{"spec":{"image":"v2","mode":"Fast"}}'),
    ).toMatchObject({ code: 0, stdout: 'crontab.stable.example.com/my-cron patched\n' });
    expect(
      await kubectl(
        'patch',
        'ct',
        'my-cron',
        '--type=json',
        '-p',
        '[{"op":"replace","path":"/spec/replicas","value":3}]',
      ),
    ).toMatchObject({ code: 0, stdout: 'crontab.stable.example.com/my-cron patched\n' });
    const obj = await get('my-cron');
    expect(obj.spec).toEqual({ cronSpec: '* * * * */5', image: 'v2', mode: 'Fast', replicas: 3 });
    expect(obj.metadata.generation).toBe(3);
  });

  it('refuses a strategic merge patch, which custom resources do not support', async () => {
    const { code, stderr } = await kubectl('patch', 'crontab', 'my-cron', '-p', '{"spec":{"replicas":4}}');
    expect(code).toBe(1);
    expect(stderr).toBe(
      'error: application/strategic-merge-patch+json is not supported by stable.example.com/v1, Kind=CronTab: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n',
    );
  });

  it('applies server-side: a field set by create conflicts until forced, then belongs to the applier', async () => {
    const manifest = cronTab('nightly', '  cronSpec: "0 4 * * *"\n');
    const conflict = await lab.kubectl(['apply', '--server-side', '--field-manager=ops', '-f', '-'], {
      stdin: manifest,
    });
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(
      /^error: Apply failed with 1 conflict: conflict with "kubectl-create" using stable\.example\.com\/v1: \.spec\.cronSpec\n/,
    );
    const forced = await lab.kubectl(
      ['apply', '--server-side', '--field-manager=ops', '--force-conflicts', '-f', '-'],
      {
        stdin: manifest,
      },
    );
    expect(forced).toMatchObject({ code: 0, stdout: 'crontab.stable.example.com/nightly serverside-applied\n' });
    const obj = JSON.parse((await kubectl('get', 'ct', 'nightly', '-o', 'json', '--show-managed-fields')).stdout);
    expect(obj.spec).toEqual({ cronSpec: '0 4 * * *', image: 'backup' });
    const managers = obj.metadata.managedFields as { manager: string; operation: string; fieldsV1: object }[];
    // Sorted as upstream encodes them: by operation (Apply before Update), then time, then manager.
    expect(managers.map((m) => `${m.manager}/${m.operation}`)).toEqual(['ops/Apply', 'kubectl-create/Update']);
    expect(managers[0]!.fieldsV1).toEqual({ 'f:spec': { 'f:cronSpec': {} } });
  });

  describe('validation against the schema', () => {
    const refused = async (name: string, spec: string) => {
      const result = await lab.kubectl(['create', '-f', '-'], { stdin: cronTab(name, spec) });
      expect(result.code).toBe(1);
      return result.stderr;
    };

    it('refuses a value above the maximum', async () => {
      expect(await refused('too-many', '  cronSpec: "* * * * *"\n  replicas: 11\n')).toBe(
        'The CronTab "too-many" is invalid: spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10\n',
      );
    });

    it('refuses a value outside the enum', async () => {
      expect(await refused('medium', '  cronSpec: "* * * * *"\n  mode: Medium\n')).toBe(
        'The CronTab "medium" is invalid: spec.mode: Unsupported value: "Medium": supported values: "Fast", "Slow"\n',
      );
    });

    it('refuses a missing required field', async () => {
      expect(await refused('no-spec', '  image: x\n')).toBe(
        'The CronTab "no-spec" is invalid: spec.cronSpec: Required value\n',
      );
    });

    it('refuses a value that does not match the pattern', async () => {
      expect(await refused('bogus', '  cronSpec: bogus\n')).toBe(
        'The CronTab "bogus" is invalid: spec.cronSpec: Invalid value: "bogus": spec.cronSpec in body should match \'^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$\'\n',
      );
    });

    it('refuses values of the wrong type, listing every error', async () => {
      expect(await refused('typed', '  cronSpec: 5\n  replicas: 0\n  mode: x\n')).toBe(
        'The CronTab "typed" is invalid: \n' +
          '* spec.cronSpec: Invalid value: "integer": spec.cronSpec in body must be of type string: "integer"\n' +
          '* spec.mode: Unsupported value: "x": supported values: "Fast", "Slow"\n' +
          '* spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1\n',
      );
    });

    it('refuses unknown fields in strict validation, and prunes them otherwise', async () => {
      const manifest = cronTab('pruned', '  cronSpec: "* * * * *"\n  unknownField: dropped\nextra: 1\n');
      expect(await lab.kubectl(['create', '-f', '-'], { stdin: manifest })).toMatchObject({
        code: 1,
        stderr:
          'Error from server (BadRequest): error when creating "STDIN": CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "extra", unknown field "spec.unknownField"\n',
      });
      expect(await lab.kubectl(['create', '--validate=false', '-f', '-'], { stdin: manifest })).toMatchObject({
        code: 0,
        stdout: 'crontab.stable.example.com/pruned created\n',
      });
      const obj = await get('pruned');
      expect(obj.spec).toEqual({ cronSpec: '* * * * *' });
      expect(obj.extra).toBeUndefined();
    });
  });

  describe('status and scale sub-resources', () => {
    it('writes status only through the status sub-resource', async () => {
      const before = await get('my-cron');
      expect(
        await kubectl(
          'patch',
          'crontab',
          'my-cron',
          '--subresource=status',
          '--type=merge',
          '-p',
          '{"spec":{"replicas":9},"status":{"replicas":3,"labelSelector":"app=cron"}}',
        ),
      ).toMatchObject({ code: 0, stdout: 'crontab.stable.example.com/my-cron patched\n' });
      const after = await get('my-cron');
      expect(after.status).toEqual({ replicas: 3, labelSelector: 'app=cron' });
      expect(after.spec.replicas).toBe(before.spec.replicas);
      expect(after.metadata.generation).toBe(before.metadata.generation);

      await kubectl('patch', 'crontab', 'my-cron', '--type=merge', '-p', '{"status":{"replicas":7}}');
      expect((await get('my-cron')).status.replicas).toBe(3);
    });

    it('scales through the scale sub-resource', async () => {
      expect(await kubectl('scale', 'crontab', 'my-cron', '--replicas=5')).toMatchObject({
        code: 0,
        stdout: 'crontab.stable.example.com/my-cron scaled\n',
      });
      expect((await get('my-cron')).spec.replicas).toBe(5);
      const scale = JSON.parse(
        (await lab.kubectl(['get', '--raw', `/apis/stable.example.com/v1/namespaces/${NS}/crontabs/my-cron/scale`]))
          .stdout,
      );
      expect(scale).toMatchObject({
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: { name: 'my-cron', namespace: NS },
        spec: { replicas: 5 },
        status: { replicas: 3, selector: 'app=cron' },
      });
    });

    it('refuses a scale the schema does not allow', async () => {
      expect(await kubectl('scale', 'crontab', 'my-cron', '--replicas=20')).toMatchObject({
        code: 1,
        stderr:
          'The CronTab "my-cron" is invalid: spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10\n',
      });
      expect((await get('my-cron')).spec.replicas).toBe(5);
    });
  });

  it('deleting the CRD removes its custom resources and stops serving them', async () => {
    expect(await lab.kubectl(['delete', 'crd', CRD_NAME], { timeoutMs: 30_000 })).toMatchObject({
      code: 0,
      stdout: `customresourcedefinition.apiextensions.k8s.io "${CRD_NAME}" deleted\n`,
    });
    // The lab's own CRDs remain.
    expect(await lab.kubectl(['get', 'crd', '-o', 'name'])).toMatchObject({
      code: 0,
      stdout:
        'customresourcedefinition.apiextensions.k8s.io/clocks.lab.kubelab.io\n' +
        'customresourcedefinition.apiextensions.k8s.io/faults.lab.kubelab.io\n' +
        'customresourcedefinition.apiextensions.k8s.io/packettraces.lab.kubelab.io\n',
    });
    const resources = await lab.kubectl(['api-resources', '--api-group=stable.example.com', '--no-headers']);
    expect(resources.stdout).toBe('');
    const raw = await lab.kubectl(['get', '--raw', `/apis/stable.example.com/v1/namespaces/${NS}/crontabs`]);
    expect(raw).toMatchObject({
      code: 1,
      stderr: 'Error from server (NotFound): the server could not find the requested resource\n',
    });

    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: CRD })).code).toBe(0);
    await lab.kubectl(['wait', '--for=condition=Established', `crd/${CRD_NAME}`, '--timeout=20s']);
    expect(await kubectl('get', 'crontabs')).toMatchObject({
      code: 0,
      stdout: '',
      stderr: `No resources found in ${NS} namespace.\n`,
    });
  });
});
