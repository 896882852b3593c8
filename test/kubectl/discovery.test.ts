// Discovery and meta commands as a user first meets them: version, api-resources, api-versions, explain, the raw
// health, version and OpenAPI endpoints, and cluster-info.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../support/lab-server.ts';
import { removeLab, startLab } from '../support/lab-server.ts';

const CRONTAB_CRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names: { plural: crontabs, singular: crontab, kind: CronTab, shortNames: [ct] }
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [cronSpec]
            properties:
              cronSpec: { type: string, description: The cron schedule of the job. }
              replicas: { type: integer }
              mode: { type: string, enum: [Fast, Slow] }
`;

describe('discovery and meta commands', () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await startLab();
  });

  afterAll(async () => {
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  it('kubectl version prints a 1.32 server version', async () => {
    const { code, stdout } = await lab.kubectl(['version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Server Version: v1\.32\.\d+/m);
    const json = JSON.parse((await lab.kubectl(['version', '-o', 'json'])).stdout);
    expect(json.serverVersion).toMatchObject({ major: '1', minor: '32', compiler: 'gc', platform: 'linux/amd64' });
    expect(json.serverVersion.gitVersion).toMatch(/^v1\.32\.\d+/);
  });

  it('api-resources lists the core and apps resources with their short names and namespacing', async () => {
    const { code, stdout } = await lab.kubectl(['api-resources', '--no-headers']);
    expect(code).toBe(0);
    const rows = [
      /^configmaps\s+cm\s+v1\s+true\s+ConfigMap$/m,
      /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m,
      /^nodes\s+no\s+v1\s+false\s+Node$/m,
      /^persistentvolumeclaims\s+pvc\s+v1\s+true\s+PersistentVolumeClaim$/m,
      /^services\s+svc\s+v1\s+true\s+Service$/m,
      /^serviceaccounts\s+sa\s+v1\s+true\s+ServiceAccount$/m,
      /^secrets\s+v1\s+true\s+Secret$/m,
      /^customresourcedefinitions\s+crd,crds\s+apiextensions\.k8s\.io\/v1\s+false\s+CustomResourceDefinition$/m,
      /^daemonsets\s+ds\s+apps\/v1\s+true\s+DaemonSet$/m,
      /^statefulsets\s+sts\s+apps\/v1\s+true\s+StatefulSet$/m,
      /^cronjobs\s+cj\s+batch\/v1\s+true\s+CronJob$/m,
      /^horizontalpodautoscalers\s+hpa\s+autoscaling\/v2\s+true\s+HorizontalPodAutoscaler$/m,
      /^ingresses\s+ing\s+networking\.k8s\.io\/v1\s+true\s+Ingress$/m,
      /^poddisruptionbudgets\s+pdb\s+policy\/v1\s+true\s+PodDisruptionBudget$/m,
      /^priorityclasses\s+pc\s+scheduling\.k8s\.io\/v1\s+false\s+PriorityClass$/m,
      /^storageclasses\s+sc\s+storage\.k8s\.io\/v1\s+false\s+StorageClass$/m,
    ];
    for (const row of rows) expect(stdout).toMatch(row);
  });

  it('api-resources --categories=all names exactly the resources that kubectl get all shows', async () => {
    const { stdout } = await lab.kubectl(['api-resources', '--categories=all', '-o', 'name']);
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      'pods',
      'replicationcontrollers',
      'services',
      'daemonsets.apps',
      'deployments.apps',
      'replicasets.apps',
      'statefulsets.apps',
      'horizontalpodautoscalers.autoscaling',
      'cronjobs.batch',
      'jobs.batch',
    ]);
  });

  it('api-resources -o wide shows verbs and categories', async () => {
    const { stdout } = await lab.kubectl(['api-resources', '--api-group=apps', '-o', 'wide', '--no-headers']);
    expect(stdout).toMatch(
      /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment\s+create,delete,deletecollection,get,list,patch,update,watch\s+all$/m,
    );
  });

  it('get all shows the kubernetes service in default, as a new cluster does', async () => {
    const { code, stdout } = await lab.kubectl(['get', 'all']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    expect(lines[1]).toMatch(/^service\/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+\d+s$/);
    expect(lines).toHaveLength(2);
  });

  it('api-versions lists the stable group versions of a 1.32 cluster', async () => {
    const { code, stdout } = await lab.kubectl(['api-versions']);
    expect(code).toBe(0);
    const versions = stdout.split('\n').filter(Boolean);
    expect(versions).toEqual([...versions].sort());
    for (const gv of [
      'admissionregistration.k8s.io/v1',
      'apiextensions.k8s.io/v1',
      'apiregistration.k8s.io/v1',
      'apps/v1',
      'authentication.k8s.io/v1',
      'authorization.k8s.io/v1',
      'autoscaling/v2',
      'batch/v1',
      'certificates.k8s.io/v1',
      'coordination.k8s.io/v1',
      'discovery.k8s.io/v1',
      'events.k8s.io/v1',
      'flowcontrol.apiserver.k8s.io/v1',
      'networking.k8s.io/v1',
      'node.k8s.io/v1',
      'policy/v1',
      'rbac.authorization.k8s.io/v1',
      'scheduling.k8s.io/v1',
      'storage.k8s.io/v1',
      'v1',
    ]) {
      expect(versions).toContain(gv);
    }
  });

  it('api-versions lists autoscaling/v1 beside autoscaling/v2, as a real 1.32 cluster', async () => {
    const versions = (await lab.kubectl(['api-versions'])).stdout.split('\n');
    expect(versions).toEqual(expect.arrayContaining(['autoscaling/v1', 'autoscaling/v2']));
  });

  it('explain deployment.spec.strategy prints the field, its type and its sub-fields', async () => {
    const { code, stdout } = await lab.kubectl(['explain', 'deployment.spec.strategy']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n\nFIELD: strategy <DeploymentStrategy>\n/,
    );
    expect(stdout).toMatch(/^DESCRIPTION:$/m);
    expect(stdout).toMatch(/^FIELDS:\n {2}rollingUpdate\t<RollingUpdateDeployment>$/m);
    expect(stdout).toMatch(/^ {2}type\t<string>$/m);
  });

  it.todo(
    'explain deployment.spec.strategy lists "enum: Recreate, RollingUpdate" under type (the built-in OpenAPI v3 schemas carry no enum values)',
  );

  it('explain pod.spec.containers marks the required name field', async () => {
    const { code, stdout } = await lab.kubectl(['explain', 'pod.spec.containers']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^KIND:\s+Pod\nVERSION:\s+v1\n\nFIELD: containers <\[\]Container>\n/);
    expect(stdout).toMatch(/^ {2}name\t<string> -required-$/m);
    expect(stdout).toMatch(/^ {2}image\t<string>$/m);
    expect(stdout).toMatch(/^ {2}ports\t<\[\]ContainerPort>$/m);
  });

  it('explain a field of a custom resource shows its schema, descriptions and enum', async () => {
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: CRONTAB_CRD })).code).toBe(0);
    const wait = await lab.kubectl(['wait', '--for=condition=Established', 'crd/crontabs.stable.example.com']);
    expect(wait.stdout).toBe(
      'customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com condition met\n',
    );
    const { code, stdout } = await lab.kubectl(['explain', 'crontab.spec']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^GROUP:\s+stable\.example\.com\nKIND:\s+CronTab\nVERSION:\s+v1\n\nFIELD: spec <Object>\n/);
    expect(stdout).toContain('  cronSpec\t<string> -required-\n    The cron schedule of the job.\n');
    expect(stdout).toContain('  mode\t<string>\n  enum: Fast, Slow\n');
    expect(stdout).toContain('  replicas\t<integer>\n');
  });

  it('get --raw /healthz and /livez answer ok', async () => {
    expect(await lab.kubectl(['get', '--raw', '/healthz'])).toMatchObject({ code: 0, stdout: 'ok' });
    expect(await lab.kubectl(['get', '--raw', '/livez'])).toMatchObject({ code: 0, stdout: 'ok' });
  });

  it('get --raw /readyz?verbose lists each check and says it passed', async () => {
    const { code, stdout } = await lab.kubectl(['get', '--raw', '/readyz?verbose']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('[+]ping ok');
    expect(lines).toContain('[+]etcd ok');
    expect(lines.slice(0, -1).every((line) => /^\[\+\][\w/-]+ ok$/.test(line))).toBe(true);
    expect(lines.at(-1)).toBe('readyz check passed');
  });

  it('get --raw /version answers the version JSON', async () => {
    const { code, stdout } = await lab.kubectl(['get', '--raw', '/version']);
    expect(code).toBe(0);
    const version = JSON.parse(stdout);
    expect(Object.keys(version)).toEqual([
      'major',
      'minor',
      'gitVersion',
      'gitCommit',
      'gitTreeState',
      'buildDate',
      'goVersion',
      'compiler',
      'platform',
    ]);
    expect(version).toMatchObject({ major: '1', minor: '32', gitTreeState: 'clean' });
  });

  it('get --raw /openapi/v3 lists a document per group version, addressed by hash', async () => {
    const { code, stdout } = await lab.kubectl(['get', '--raw', '/openapi/v3']);
    expect(code).toBe(0);
    const { paths } = JSON.parse(stdout) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(paths['api/v1']!.serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    expect(paths['apis/apps/v1']!.serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
    expect(paths['apis/stable.example.com/v1']).toBeDefined();
    const doc = JSON.parse((await lab.kubectl(['get', '--raw', paths['apis/apps/v1']!.serverRelativeURL])).stdout);
    expect(doc.openapi).toMatch(/^3\.0/);
    expect(doc.components.schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', kind: 'Deployment', version: 'v1' },
    ]);
  });

  it('get --raw /openapi/v2 answers the Swagger 2.0 document with the definitions kubectl validates against', async () => {
    const { code, stdout } = await lab.kubectl(['get', '--raw', '/openapi/v2']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.swagger).toBe('2.0');
    expect(doc.definitions['io.k8s.api.core.v1.ConfigMap']['x-kubernetes-group-version-kind']).toEqual([
      { group: '', kind: 'ConfigMap', version: 'v1' },
    ]);
  });

  it('cluster-info names the control plane URL', async () => {
    const { code, stdout } = await lab.kubectl(['cluster-info']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `Kubernetes control plane is running at ${lab.url}\n` +
        `CoreDNS is running at ${lab.url}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\n` +
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
  });
});
