import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import type { WorkloadHarness } from '../common/test-harness.ts';
import {
  START,
  bindPods,
  eventsAbout,
  eventually,
  markPodsReady,
  podsWith,
  startWorkloadHarness,
} from '../common/test-harness.ts';
import type { Deployment, ReplicaSet } from '../common/workload-types.ts';
import { REVISION_ANNOTATION } from './annotations.ts';
import { deploymentControllers } from './index.ts';

const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };
const REPLICA_SETS = { group: 'apps', version: 'v1', resource: 'replicasets' };
const PODS = { group: '', version: 'v1', resource: 'pods' };

function deployment(name: string, replicas: number, image: string, strategy?: object): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image }] } },
      ...(strategy ? { strategy } : {}),
    },
  };
}

describe('the deployment controller', () => {
  let h: WorkloadHarness;

  beforeEach(async () => {
    h = await startWorkloadHarness(deploymentControllers);
  });

  afterEach(async () => {
    await h.close();
  });

  const getDeployment = async (name: string) => (await h.client.get(DEPLOYMENTS, 'default', name)) as Deployment;
  const replicaSetsOf = async (name: string) => {
    const list = await h.client.list(REPLICA_SETS, 'default', { labelSelector: `app=${name}` });
    return (list.items as ReplicaSet[]).sort((a, b) =>
      (a.metadata.annotations?.[REVISION_ANNOTATION] ?? '').localeCompare(
        b.metadata.annotations?.[REVISION_ANNOTATION] ?? '',
      ),
    );
  };
  /** Replica counts per revision, e.g. { '1': 3, '2': 1 }. */
  const sizes = async (name: string) =>
    Object.fromEntries(
      (await replicaSetsOf(name)).map((rs) => [rs.metadata.annotations?.[REVISION_ANNOTATION], rs.spec?.replicas]),
    );
  const waitForSizes = (name: string, expected: Record<string, number>) =>
    eventually(
      async () => {
        const current = await sizes(name);
        return JSON.stringify(current) === JSON.stringify(expected) ? current : undefined;
      },
      `${name} has replica sets ${JSON.stringify(expected)}`,
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}; it has ${JSON.stringify(await sizes(name))}`);
    });
  const activePodCount = async (name: string) =>
    (await podsWith(h.client, 'default', { app: name })).filter((p) => !p.metadata.deletionTimestamp).length;
  const waitForPods = (name: string, count: number) =>
    eventually(async () => ((await activePodCount(name)) === count ? true : undefined), `${name} has ${count} pods`);
  /** What `kubectl rollout status` waits for: the generation observed and every replica updated and available. */
  const rolledOut = (name: string) =>
    eventually(async () => {
      const d = await getDeployment(name);
      const s = d.status ?? {};
      const done =
        (d.metadata.generation ?? 0) <= (s.observedGeneration ?? 0) &&
        s.updatedReplicas === d.spec?.replicas &&
        (s.replicas ?? 0) === s.updatedReplicas &&
        s.availableReplicas === s.updatedReplicas;
      return done ? d : undefined;
    }, `${name} is rolled out`);
  const setImage = async (name: string, image: string) => {
    const d = await getDeployment(name);
    d.spec!.template!.spec!.containers![0]!['image'] = image;
    await h.client.update(DEPLOYMENTS, d);
  };
  /** The kubelet's part: pods start and become ready until the rollout completes. */
  const driveRollout = async (name: string) => {
    for (let i = 0; i < 50; i++) {
      await markPodsReady(h, 'default', { app: name });
      const d = await getDeployment(name);
      const s = d.status ?? {};
      if (
        s.observedGeneration === d.metadata.generation &&
        s.updatedReplicas === d.spec?.replicas &&
        s.replicas === s.updatedReplicas &&
        s.availableReplicas === s.replicas
      )
        return d;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${name} never rolled out`);
  };

  it('creates a replica set named after the pod template hash and scales it to the replicas', async () => {
    const created = await h.client.create(DEPLOYMENTS, 'default', deployment('nginx', 3, 'nginx'));
    await waitForPods('nginx', 3);
    const [rs] = await replicaSetsOf('nginx');
    expect(rs?.metadata.name).toBe('nginx-5869d7778c');
    expect(rs?.metadata.labels).toEqual({ app: 'nginx', 'pod-template-hash': '5869d7778c' });
    expect(rs?.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(rs?.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Deployment', name: 'nginx', controller: true, blockOwnerDeletion: true }),
    ]);
    const d = await driveRollout('nginx');
    expect(d.status?.conditions).toEqual([
      expect.objectContaining({ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }),
      expect.objectContaining({
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: 'ReplicaSet "nginx-5869d7778c" has successfully progressed.',
      }),
    ]);
    await eventually(async () => {
      const events = await eventsAbout(h.client, created);
      return events.includes('ScalingReplicaSet: Scaled up replica set nginx-5869d7778c from 0 to 3') || undefined;
    }, 'the scaling event is recorded');
  });

  it('scales the replica set up and down with the deployment', async () => {
    await h.client.create(DEPLOYMENTS, 'default', deployment('web', 2, 'nginx'));
    await waitForPods('web', 2);
    await driveRollout('web');
    await h.client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 5 } }, { subresource: 'scale' });
    await waitForSizes('web', { '1': 5 });
    await waitForPods('web', 5);
    await driveRollout('web');
    await h.client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 1 } });
    await waitForSizes('web', { '1': 1 });
    await waitForPods('web', 1);
    const d = await rolledOut('web');
    expect(d.status).toMatchObject({ replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 });
  });

  it('rolls out a new template step by step within maxSurge and maxUnavailable', async () => {
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
    await h.client.create(DEPLOYMENTS, 'default', deployment('web', 3, 'nginx:1.27', strategy));
    await waitForPods('web', 3);
    await driveRollout('web');
    await setImage('web', 'nginx:1.28');
    // One surge pod at a time; an old pod goes only when a new one is available.
    const steps: string[] = [];
    for (let step = 0; step < 3; step++) {
      const expected = { '1': 3 - step, '2': step + 1 };
      await waitForSizes('web', expected);
      await waitForPods('web', 4);
      steps.push(JSON.stringify(expected));
      expect(await activePodCount('web')).toBeLessThanOrEqual(4);
      await markPodsReady(h, 'default', { app: 'web' });
    }
    await waitForSizes('web', { '1': 0, '2': 3 });
    const d = await driveRollout('web');
    expect(steps).toHaveLength(3);
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    const rs = await replicaSetsOf('web');
    expect(rs.map((r) => r.spec?.template?.spec?.containers?.[0]?.['image'])).toEqual(['nginx:1.27', 'nginx:1.28']);
  });

  it('with maxSurge 0 takes one pod down before bringing a new one up', async () => {
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };
    await h.client.create(DEPLOYMENTS, 'default', deployment('web', 2, 'nginx:1.27', strategy));
    await waitForPods('web', 2);
    await driveRollout('web');
    await setImage('web', 'nginx:1.28');
    await waitForSizes('web', { '1': 1, '2': 1 });
    const d = await driveRollout('web');
    expect(await sizes('web')).toEqual({ '1': 0, '2': 2 });
    expect(d.status?.replicas).toBe(2);
  });

  it('recreates: every old pod is gone before the new replica set scales up', async () => {
    const created = await h.client.create(
      DEPLOYMENTS,
      'default',
      deployment('db', 2, 'postgres:16', { type: 'Recreate' }),
    );
    await waitForPods('db', 2);
    await bindPods(h, 'default', { app: 'db' }, 'node-1');
    await driveRollout('db');
    // Events recorded in the same lab millisecond share a name (see the report): keep the steps apart in time.
    h.clock.step(1000);
    await setImage('db', 'postgres:17');
    await waitForSizes('db', { '1': 0 });
    // Pods on a node terminate gracefully: they are still there, so the new replica set waits.
    const terminating = await eventually(async () => {
      const pods = await podsWith(h.client, 'default', { app: 'db' });
      return pods.length === 2 && pods.every((p) => p.metadata.deletionTimestamp) ? pods : undefined;
    }, 'the old pods are terminating');
    expect(await sizes('db')).toEqual({ '1': 0 });
    // The kubelet's part: the containers stopped, the pods go.
    h.clock.step(1000);
    for (const pod of terminating) {
      await h.client.delete(PODS, 'default', pod.metadata.name ?? '', { gracePeriodSeconds: 0 });
    }
    await waitForSizes('db', { '1': 0, '2': 2 });
    await waitForPods('db', 2);
    await driveRollout('db');
    const [oldRS, newRS] = await replicaSetsOf('db');
    const expected = [
      `ScalingReplicaSet: Scaled up replica set ${oldRS?.metadata.name} from 0 to 2`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS?.metadata.name} from 2 to 0`,
      `ScalingReplicaSet: Scaled up replica set ${newRS?.metadata.name} from 0 to 2`,
    ];
    await eventually(async () => {
      const events = await eventsAbout(h.client, created);
      return JSON.stringify(events) === JSON.stringify(expected) || undefined;
    }, 'the scaling events are recorded in order');
  });

  it('rolls back to an earlier revision by reusing its replica set', async () => {
    await h.client.create(DEPLOYMENTS, 'default', deployment('web', 2, 'nginx:1.27'));
    await waitForPods('web', 2);
    await driveRollout('web');
    const [first] = await replicaSetsOf('web');
    await setImage('web', 'nginx:1.28');
    await driveRollout('web');
    // kubectl rollout undo: a JSON patch of spec.template with revision 1's template, without its hash label.
    const template = structuredClone(first!.spec!.template!);
    delete template.metadata!.labels!['pod-template-hash'];
    await h.client.patch(DEPLOYMENTS, 'default', 'web', 'json', [
      { op: 'replace', path: '/spec/template', value: template },
    ]);
    const d = await driveRollout('web');
    const replicaSets = await replicaSetsOf('web');
    expect(replicaSets).toHaveLength(2);
    const reused = replicaSets.find((rs) => rs.metadata.uid === first!.metadata.uid);
    expect(reused?.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
    });
    expect(reused?.spec?.replicas).toBe(2);
    expect(d.status?.updatedReplicas).toBe(2);
  });

  it('does not roll out while paused, scales proportionally, and rolls out on resume', async () => {
    await h.client.create(DEPLOYMENTS, 'default', deployment('web', 2, 'nginx:1.27'));
    await waitForPods('web', 2);
    await driveRollout('web');
    await h.client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { paused: true } });
    await eventually(async () => {
      const d = await getDeployment('web');
      const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
      return progressing?.reason === 'DeploymentPaused' ? progressing : undefined;
    }, 'the Progressing condition says paused');
    await setImage('web', 'nginx:1.28');
    await h.client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 4 } });
    await waitForSizes('web', { '1': 4 });
    expect(await replicaSetsOf('web')).toHaveLength(1);
    await h.client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { paused: false } });
    const d = await driveRollout('web');
    expect(await sizes('web')).toEqual({ '1': 0, '2': 4 });
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  });

  it('keeps only revisionHistoryLimit old replica sets', async () => {
    const d = deployment('web', 1, 'nginx:1');
    (d['spec'] as { revisionHistoryLimit: number }).revisionHistoryLimit = 1;
    await h.client.create(DEPLOYMENTS, 'default', d);
    await waitForPods('web', 1);
    await driveRollout('web');
    for (const image of ['nginx:2', 'nginx:3', 'nginx:4']) {
      await setImage('web', image);
      await driveRollout('web');
    }
    const remaining = await eventually(async () => {
      const list = await replicaSetsOf('web');
      return list.length === 2 ? list : undefined;
    }, 'old replica sets are cleaned up');
    expect(remaining.map((rs) => rs.metadata.annotations?.[REVISION_ANNOTATION])).toEqual(['3', '4']);
  });

  it('reports ProgressDeadlineExceeded when pods never become available', async () => {
    const d = deployment('slow', 1, 'nginx');
    (d['spec'] as { progressDeadlineSeconds: number }).progressDeadlineSeconds = 30;
    await h.client.create(DEPLOYMENTS, 'default', d);
    await waitForPods('slow', 1);
    await eventually(async () => {
      const current = await getDeployment('slow');
      return current.status?.conditions?.some((c) => c.type === 'Progressing') || undefined;
    }, 'the rollout is progressing');
    // The lab clock moves a second per look until the controller, woken at the deadline, reports it.
    const timedOut = await eventually(async () => {
      h.clock.step(1000);
      const current = await getDeployment('slow');
      const progressing = current.status?.conditions?.find((c) => c.type === 'Progressing');
      return progressing?.reason === 'ProgressDeadlineExceeded' ? progressing : undefined;
    }, 'the deadline is exceeded');
    expect(timedOut).toMatchObject({
      status: 'False',
      message: expect.stringMatching(/^ReplicaSet "slow-[a-z0-9]+" has timed out progressing\.$/),
    });
    const lastUpdate = Date.parse(timedOut.lastUpdateTime ?? '');
    expect(lastUpdate - START).toBeGreaterThan(30_000);
  });

  it('adopts an orphaned replica set that matches its selector', async () => {
    const orphan: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'legacy', labels: { app: 'web' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
      },
    };
    await h.client.create(REPLICA_SETS, 'default', orphan);
    await waitForPods('web', 1);
    const d = await h.client.create(DEPLOYMENTS, 'default', deployment('web', 1, 'nginx'));
    const adopted = await eventually(async () => {
      const rs = (await h.client.get(REPLICA_SETS, 'default', 'legacy')) as ReplicaSet;
      const owned = rs.metadata.ownerReferences?.[0]?.uid === d.metadata.uid;
      return owned && rs.metadata.annotations?.[REVISION_ANNOTATION] ? rs : undefined;
    }, 'the deployment adopts the orphan and gives it a revision');
    expect(adopted.metadata.annotations?.[REVISION_ANNOTATION]).toBe('1');
    await driveRollout('web');
    expect((await replicaSetsOf('web')).map((rs) => rs.metadata.name)).toEqual(['legacy']);
  });
});
