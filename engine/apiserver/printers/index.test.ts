import { describe, expect, it } from 'vitest';
import { defaultPrinter } from './default.ts';
import { printerFor } from './index.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

const BUILT_IN: [group: string, kind: string][] = [
  ['', 'Pod'],
  ['', 'PodTemplate'],
  ['', 'Node'],
  ['', 'Namespace'],
  ['', 'Service'],
  ['', 'Endpoints'],
  ['', 'ConfigMap'],
  ['', 'Secret'],
  ['', 'ServiceAccount'],
  ['', 'Event'],
  ['', 'PersistentVolume'],
  ['', 'PersistentVolumeClaim'],
  ['', 'ReplicationController'],
  ['', 'ResourceQuota'],
  ['', 'ComponentStatus'],
  ['apps', 'Deployment'],
  ['apps', 'ReplicaSet'],
  ['apps', 'StatefulSet'],
  ['apps', 'DaemonSet'],
  ['apps', 'ControllerRevision'],
  ['batch', 'Job'],
  ['batch', 'CronJob'],
  ['autoscaling', 'HorizontalPodAutoscaler'],
  ['networking.k8s.io', 'Ingress'],
  ['networking.k8s.io', 'IngressClass'],
  ['networking.k8s.io', 'NetworkPolicy'],
  ['discovery.k8s.io', 'EndpointSlice'],
  ['events.k8s.io', 'Event'],
  ['storage.k8s.io', 'StorageClass'],
  ['storage.k8s.io', 'CSIDriver'],
  ['storage.k8s.io', 'CSINode'],
  ['storage.k8s.io', 'VolumeAttachment'],
  ['storage.k8s.io', 'CSIStorageCapacity'],
  ['rbac.authorization.k8s.io', 'RoleBinding'],
  ['rbac.authorization.k8s.io', 'ClusterRoleBinding'],
  ['coordination.k8s.io', 'Lease'],
  ['policy', 'PodDisruptionBudget'],
  ['scheduling.k8s.io', 'PriorityClass'],
  ['admissionregistration.k8s.io', 'MutatingWebhookConfiguration'],
  ['admissionregistration.k8s.io', 'ValidatingWebhookConfiguration'],
  ['admissionregistration.k8s.io', 'ValidatingAdmissionPolicy'],
  ['admissionregistration.k8s.io', 'ValidatingAdmissionPolicyBinding'],
  ['certificates.k8s.io', 'CertificateSigningRequest'],
  ['node.k8s.io', 'RuntimeClass'],
  ['flowcontrol.apiserver.k8s.io', 'FlowSchema'],
  ['flowcontrol.apiserver.k8s.io', 'PriorityLevelConfiguration'],
  ['apiregistration.k8s.io', 'APIService'],
];

describe('printerFor', () => {
  it.each(BUILT_IN)(
    'gives %s %s columns of its own and a cell for each column, even for a bare object',
    (group, kind) => {
      const printer = printerFor(group, kind);
      expect(printer).not.toBe(defaultPrinter);
      const row = printer.row({ apiVersion: group === '' ? 'v1' : `${group}/v1`, kind, metadata: { name: 'x' } }, NOW);
      expect(row).toHaveLength(printer.columns.length);
      expect(row[printer.columns.findIndex((c) => c.format === 'name')]).toBe('x');
    },
  );

  it.each([
    ['', 'LimitRange'],
    ['rbac.authorization.k8s.io', 'Role'],
    ['rbac.authorization.k8s.io', 'ClusterRole'],
    ['apiextensions.k8s.io', 'CustomResourceDefinition'],
    ['example.com', 'Widget'],
    ['apps', 'Pod'],
    ['', 'constructor'],
  ])('falls back to the default table for %s %s', (group, kind) => {
    expect(printerFor(group, kind)).toBe(defaultPrinter);
  });
});
