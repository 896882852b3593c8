import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { setDaemonSetDefaults, setDeploymentDefaults, setReplicaSetDefaults, setStatefulSetDefaults } from './apps.ts';

const podSpec = {
  containers: [
    {
      image: 'nginx',
      imagePullPolicy: 'Always',
      name: 'nginx',
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    },
  ],
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

function workload(spec: Record<string, unknown>): KubeObject {
  return {
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
      ...spec,
    },
  };
}

describe('apps defaults', () => {
  it('match what `kubectl create deployment web --image=nginx` stores', () => {
    const deployment = workload({ replicas: 1 });
    setDeploymentDefaults(deployment);
    expect(deployment.spec).toEqual({
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'web' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: podSpec },
    });
  });

  it('leave a Recreate deployment without rolling update parameters', () => {
    const deployment = workload({ strategy: { type: 'Recreate' } });
    setDeploymentDefaults(deployment);
    expect((deployment.spec as Record<string, unknown>).strategy).toEqual({ type: 'Recreate' });
  });

  it('give a replica set one replica', () => {
    const rs = workload({});
    setReplicaSetDefaults(rs);
    expect((rs.spec as Record<string, unknown>).replicas).toBe(1);
  });

  it('give a stateful set its policies and default its claim templates', () => {
    const sts = workload({
      serviceName: 'web',
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
    });
    setStatefulSetDefaults(sts);
    expect(sts.spec).toMatchObject({
      podManagementPolicy: 'OrderedReady',
      replicas: 1,
      revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data', creationTimestamp: null },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '1Gi' } },
            volumeMode: 'Filesystem',
          },
          status: { phase: 'Pending' },
        },
      ],
    });
  });

  it('roll a daemon set one node at a time', () => {
    const ds = workload({});
    setDaemonSetDefaults(ds);
    expect(ds.spec).toMatchObject({
      revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    });
  });
});
