// Defaults of the apps group (pkg/apis/apps/v1/defaults.go): replicas, update strategies, history limits and
// progress deadlines, plus the defaults of the pod and claim templates inside.

import type { KubeObject } from '../../api/object.ts';
import { ensureRecord, record, records, str } from '../validation/access.ts';
import { setPersistentVolumeClaimDefaults } from './core.ts';
import { setPodTemplateSpecDefaults } from './pod-spec.ts';

function setIfAbsent(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

export function setDeploymentDefaults(deployment: KubeObject): void {
  const spec = ensureRecord(deployment, 'spec');
  setIfAbsent(spec, 'replicas', 1);
  const strategy = ensureRecord(spec, 'strategy');
  if (str(strategy.type) === '') strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = ensureRecord(strategy, 'rollingUpdate');
    setIfAbsent(rollingUpdate, 'maxUnavailable', '25%');
    setIfAbsent(rollingUpdate, 'maxSurge', '25%');
  }
  setIfAbsent(spec, 'revisionHistoryLimit', 10);
  setIfAbsent(spec, 'progressDeadlineSeconds', 600);
  setPodTemplateSpecDefaults(ensureRecord(spec, 'template'));
}

export function setReplicaSetDefaults(replicaSet: KubeObject): void {
  const spec = ensureRecord(replicaSet, 'spec');
  setIfAbsent(spec, 'replicas', 1);
  setPodTemplateSpecDefaults(ensureRecord(spec, 'template'));
}

export function setStatefulSetDefaults(statefulSet: KubeObject): void {
  const spec = ensureRecord(statefulSet, 'spec');
  if (str(spec.podManagementPolicy) === '') spec.podManagementPolicy = 'OrderedReady';
  const updateStrategy = ensureRecord(spec, 'updateStrategy');
  if (str(updateStrategy.type) === '') {
    updateStrategy.type = 'RollingUpdate';
    ensureRecord(updateStrategy, 'rollingUpdate');
  }
  const rollingUpdate = record(updateStrategy.rollingUpdate);
  if (updateStrategy.type === 'RollingUpdate' && rollingUpdate) setIfAbsent(rollingUpdate, 'partition', 0);
  const retention = ensureRecord(spec, 'persistentVolumeClaimRetentionPolicy');
  if (str(retention.whenDeleted) === '') retention.whenDeleted = 'Retain';
  if (str(retention.whenScaled) === '') retention.whenScaled = 'Retain';
  setIfAbsent(spec, 'replicas', 1);
  setIfAbsent(spec, 'revisionHistoryLimit', 10);
  setPodTemplateSpecDefaults(ensureRecord(spec, 'template'));
  for (const claim of records(spec.volumeClaimTemplates)) {
    const meta = ensureRecord(claim, 'metadata');
    if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
    setPersistentVolumeClaimDefaults(claim);
  }
}

export function setDaemonSetDefaults(daemonSet: KubeObject): void {
  const spec = ensureRecord(daemonSet, 'spec');
  const updateStrategy = ensureRecord(spec, 'updateStrategy');
  if (str(updateStrategy.type) === '') updateStrategy.type = 'RollingUpdate';
  if (updateStrategy.type === 'RollingUpdate') {
    const rollingUpdate = ensureRecord(updateStrategy, 'rollingUpdate');
    setIfAbsent(rollingUpdate, 'maxUnavailable', 1);
    setIfAbsent(rollingUpdate, 'maxSurge', 0);
  }
  setIfAbsent(spec, 'revisionHistoryLimit', 10);
  setPodTemplateSpecDefaults(ensureRecord(spec, 'template'));
}
