// Defaults of the core group's kinds (pkg/apis/core/v1/defaults.go plus the declarative +default markers and the
// v1 conversions that show in stored objects): what a kind's fields read back as when a client left them out.
// Each function is idempotent: it runs on every write, including updates of objects defaulted before.

import { ensureRecord, isRecord, record, records, str } from '../validation/access.ts';
import type { Json } from '../validation/access.ts';
import type { KubeObject } from '../../api/object.ts';
import { isExternallyAccessible } from '../validation/core/service.ts';
import { defaultClaimSpec, setPodSpecDefaults, setPodTemplateSpecDefaults } from './pod-spec.ts';
import { defaultResourceList } from './quantities.ts';

const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

/** Requests default to limits for each container of a Pod (not of templates). */
function defaultRequestsFromLimits(ctr: Json): void {
  const resources = record(ctr.resources);
  const limits = record(resources?.limits);
  if (!resources || !limits) return;
  const requests = ensureRecord(resources, 'requests');
  for (const [name, value] of Object.entries(limits)) if (requests[name] === undefined) requests[name] = value;
}

export function setPodDefaults(pod: KubeObject): void {
  const spec = ensureRecord(pod, 'spec');
  setPodSpecDefaults(spec);
  for (const list of ['containers', 'initContainers'])
    for (const ctr of records(spec[list])) defaultRequestsFromLimits(ctr);
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const list of ['containers', 'initContainers']) {
      for (const ctr of records(spec[list])) {
        for (const port of records(ctr.ports)) if (!port.hostPort) port.hostPort = port.containerPort;
      }
    }
  }
}

export function setPodTemplateDefaults(podTemplate: KubeObject): void {
  setPodTemplateSpecDefaults(ensureRecord(podTemplate, 'template'));
}

export function setServiceDefaults(service: KubeObject): void {
  const spec = ensureRecord(service, 'spec');
  if (str(spec.sessionAffinity) === '') spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const clientIP = record(record(spec.sessionAffinityConfig)?.clientIP);
    if (!clientIP || typeof clientIP.timeoutSeconds !== 'number') {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
    }
  }
  if (str(spec.type) === '') spec.type = 'ClusterIP';
  for (const port of records(spec.ports)) {
    if (str(port.protocol) === '') port.protocol = 'TCP';
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '')
      port.targetPort = port.port;
  }
  if (isExternallyAccessible(spec) && str(spec.externalTrafficPolicy) === '') spec.externalTrafficPolicy = 'Cluster';
  const type = spec.type;
  if (
    (spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) &&
    (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP')
  ) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (type === 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)
      spec.allocateLoadBalancerNodePorts = true;
    for (const ingress of records(record(record(service.status)?.loadBalancer)?.ingress)) {
      if (str(ingress.ip) !== '' && (ingress.ipMode === undefined || ingress.ipMode === null)) ingress.ipMode = 'VIP';
    }
  }
}

export function setNamespaceDefaults(namespace: KubeObject): void {
  const name = namespace.metadata.name;
  if (name) namespace.metadata.labels = { ...namespace.metadata.labels, 'kubernetes.io/metadata.name': name };
  const status = ensureRecord(namespace, 'status');
  if (str(status.phase) === '') status.phase = 'Active';
}

/** type Opaque; stringData merged into data (base64) and dropped, as the v1 conversion does. */
export function setSecretDefaults(secret: KubeObject): void {
  if (str(secret.type) === '') secret.type = 'Opaque';
  const stringData = record(secret.stringData);
  if (stringData) {
    const data = ensureRecord(secret, 'data');
    for (const [key, value] of Object.entries(stringData))
      data[key] = Buffer.from(str(value), 'utf8').toString('base64');
  }
  delete secret.stringData;
}

export function setPersistentVolumeDefaults(pv: KubeObject): void {
  const spec = ensureRecord(pv, 'spec');
  if (str(spec.persistentVolumeReclaimPolicy) === '') spec.persistentVolumeReclaimPolicy = 'Retain';
  if (spec.volumeMode === undefined || spec.volumeMode === null) spec.volumeMode = 'Filesystem';
  defaultResourceList(spec, 'capacity');
  const status = ensureRecord(pv, 'status');
  if (str(status.phase) === '') status.phase = 'Pending';
}

/** A PersistentVolumeClaim (also used for StatefulSet claim templates). */
export function setPersistentVolumeClaimDefaults(pvc: Json): void {
  defaultClaimSpec(ensureRecord(pvc, 'spec'));
  const status = ensureRecord(pvc, 'status');
  if (str(status.phase) === '') status.phase = 'Pending';
  defaultResourceList(status, 'capacity');
  defaultResourceList(status, 'allocatedResources');
}

export function setEndpointsDefaults(endpoints: KubeObject): void {
  for (const subset of records(endpoints.subsets))
    for (const port of records(subset.ports)) if (str(port.protocol) === '') port.protocol = 'TCP';
}

/** The fields of NodeSystemInfo, which Go always writes (empty until the kubelet fills them). */
const NODE_INFO_FIELDS = [
  'architecture',
  'bootID',
  'containerRuntimeVersion',
  'kernelVersion',
  'kubeProxyVersion',
  'kubeletVersion',
  'machineID',
  'operatingSystem',
  'osImage',
  'systemUUID',
];

export function setNodeDefaults(node: KubeObject): void {
  ensureRecord(node, 'spec');
  const status = ensureRecord(node, 'status');
  defaultResourceList(status, 'capacity');
  defaultResourceList(status, 'allocatable');
  if (isRecord(status.capacity) && !isRecord(status.allocatable)) status.allocatable = { ...status.capacity };
  const endpoints = ensureRecord(status, 'daemonEndpoints');
  const kubelet = ensureRecord(endpoints, 'kubeletEndpoint');
  if (typeof kubelet.Port !== 'number') kubelet.Port = 0;
  const info = ensureRecord(status, 'nodeInfo');
  for (const field of NODE_INFO_FIELDS) if (typeof info[field] !== 'string') info[field] = '';
}

export function setReplicationControllerDefaults(rc: KubeObject): void {
  const spec = ensureRecord(rc, 'spec');
  const template = record(spec.template);
  const labels = record(record(template?.metadata)?.labels);
  if (labels) {
    if (Object.keys(record(spec.selector) ?? {}).length === 0) spec.selector = { ...labels };
    if (Object.keys(rc.metadata.labels ?? {}).length === 0)
      rc.metadata.labels = { ...labels } as Record<string, string>;
  }
  if (typeof spec.replicas !== 'number') spec.replicas = 1;
  if (template) setPodTemplateSpecDefaults(template);
}

export function setLimitRangeDefaults(limitRange: KubeObject): void {
  for (const item of records(record(limitRange.spec)?.limits)) {
    for (const field of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'])
      defaultResourceList(item, field);
    if (item.type !== 'Container') continue;
    const defaults = ensureRecord(item, 'default');
    const defaultRequest = ensureRecord(item, 'defaultRequest');
    for (const [name, value] of Object.entries(record(item.max) ?? {}))
      if (defaults[name] === undefined) defaults[name] = value;
    for (const [name, value] of Object.entries(defaults))
      if (defaultRequest[name] === undefined) defaultRequest[name] = value;
    for (const [name, value] of Object.entries(record(item.min) ?? {}))
      if (defaultRequest[name] === undefined) defaultRequest[name] = value;
  }
}

export function setResourceQuotaDefaults(quota: KubeObject): void {
  const spec = record(quota.spec);
  if (spec) defaultResourceList(spec, 'hard');
  const status = record(quota.status);
  if (status) {
    defaultResourceList(status, 'hard');
    defaultResourceList(status, 'used');
  }
}

/** The Event fields Go writes even when unset: null timestamps, empty source, empty reporting fields. */
export function setEventDefaults(event: KubeObject): void {
  ensureRecord(event, 'involvedObject');
  ensureRecord(event, 'source');
  for (const field of ['eventTime', 'firstTimestamp', 'lastTimestamp'])
    if (event[field] === undefined) event[field] = null;
  for (const field of ['reportingComponent', 'reportingInstance'])
    if (typeof event[field] !== 'string') event[field] = '';
}
