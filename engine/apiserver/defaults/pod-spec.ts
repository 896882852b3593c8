// Defaults of a PodSpec wherever it appears (SetDefaults_PodSpec and the defaulters of everything inside it:
// containers, probes, handlers, ports, env, volumes) plus the empty structs Go always writes out (`resources: {}`,
// `securityContext: {}`, a template's `creationTimestamp: null`), so specs read back as a real API server's do.

import { ensureRecord, isRecord, record, records, str } from '../validation/access.ts';
import type { Json } from '../validation/access.ts';
import { defaultPullPolicy } from './image.ts';
import { canonicalQuantityValue, defaultResourceList } from './quantities.ts';

const DEFAULT_FILE_MODE = 0o644;
const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

function setIfAbsent(obj: Json, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

function defaultFieldRef(holder: Json): void {
  const fieldRef = record(holder.fieldRef);
  if (fieldRef && str(fieldRef.apiVersion) === '') fieldRef.apiVersion = 'v1';
  const resourceFieldRef = record(holder.resourceFieldRef);
  if (resourceFieldRef) resourceFieldRef.divisor = canonicalQuantityValue(resourceFieldRef.divisor ?? '0');
}

function defaultHandler(handler: Json): void {
  const httpGet = record(handler.httpGet);
  if (httpGet) {
    if (str(httpGet.path) === '') httpGet.path = '/';
    if (str(httpGet.scheme) === '') httpGet.scheme = 'HTTP';
  }
  const grpc = record(handler.grpc);
  if (grpc) setIfAbsent(grpc, 'service', '');
}

function defaultProbe(probe: Json): void {
  for (const [field, value] of [
    ['timeoutSeconds', 1],
    ['periodSeconds', 10],
    ['successThreshold', 1],
    ['failureThreshold', 3],
  ] as const) {
    if (!probe[field]) probe[field] = value;
  }
  defaultHandler(probe);
}

function defaultContainer(ctr: Json): void {
  if (str(ctr.imagePullPolicy) === '') ctr.imagePullPolicy = defaultPullPolicy(str(ctr.image));
  if (str(ctr.terminationMessagePath) === '') ctr.terminationMessagePath = '/dev/termination-log';
  if (str(ctr.terminationMessagePolicy) === '') ctr.terminationMessagePolicy = 'File';
  const resources = ensureRecord(ctr, 'resources');
  defaultResourceList(resources, 'limits');
  defaultResourceList(resources, 'requests');
  for (const port of records(ctr.ports)) if (str(port.protocol) === '') port.protocol = 'TCP';
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = record(ctr[probe]);
    if (p) defaultProbe(p);
  }
  const lifecycle = record(ctr.lifecycle);
  for (const hook of ['postStart', 'preStop']) {
    const handler = record(lifecycle?.[hook]);
    if (handler) defaultHandler(handler);
  }
  for (const env of records(ctr.env)) {
    const from = record(env.valueFrom);
    if (from) defaultFieldRef(from);
  }
}

function defaultDownwardAPIItems(items: unknown): void {
  for (const item of records(items)) defaultFieldRef(item);
}

/** Declarative defaults of the legacy in-tree volume plugins (+default markers in core/v1/types.go). */
const PLUGIN_DEFAULTS: Partial<Record<string, Record<string, unknown>>> = {
  rbd: { pool: 'rbd', user: 'admin', keyring: '/etc/ceph/keyring' },
  iscsi: { iscsiInterface: 'default' },
  azureDisk: { cachingMode: 'ReadWrite', fsType: 'ext4', readOnly: false, kind: 'Shared' },
  scaleIO: { storageMode: 'ThinProvisioned', fsType: 'xfs' },
};

/** Whether a volume names a source (SetDefaults_Volume gives an emptyDir to one that does not). */
const VOLUME_SOURCES = new Set([
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
]);

/** A PersistentVolumeClaimSpec (SetDefaults_PersistentVolumeClaimSpec): Filesystem mode, canonical quantities. */
export function defaultClaimSpec(spec: Json): void {
  setIfAbsent(spec, 'volumeMode', 'Filesystem');
  const resources = record(spec.resources);
  if (resources) {
    defaultResourceList(resources, 'limits');
    defaultResourceList(resources, 'requests');
  }
}

function defaultVolume(volume: Json): void {
  if (!Object.keys(volume).some((key) => VOLUME_SOURCES.has(key) && isRecord(volume[key]))) volume.emptyDir = {};
  for (const kind of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const source = record(volume[kind]);
    if (source) setIfAbsent(source, 'defaultMode', DEFAULT_FILE_MODE);
  }
  defaultDownwardAPIItems(record(volume.downwardAPI)?.items);
  for (const projection of records(record(volume.projected)?.sources)) {
    const token = record(projection.serviceAccountToken);
    if (token) setIfAbsent(token, 'expirationSeconds', DEFAULT_TOKEN_EXPIRATION_SECONDS);
    defaultDownwardAPIItems(record(projection.downwardAPI)?.items);
  }
  const hostPath = record(volume.hostPath);
  if (hostPath) setIfAbsent(hostPath, 'type', '');
  const emptyDir = record(volume.emptyDir);
  if (emptyDir && emptyDir.sizeLimit !== undefined) emptyDir.sizeLimit = canonicalQuantityValue(emptyDir.sizeLimit);
  for (const [plugin, defaults] of Object.entries(PLUGIN_DEFAULTS)) {
    const source = record(volume[plugin]);
    if (source) for (const [field, value] of Object.entries(defaults ?? {})) setIfAbsent(source, field, value);
  }
  const template = record(record(volume.ephemeral)?.volumeClaimTemplate);
  if (template) {
    const meta = ensureRecord(template, 'metadata');
    if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
    defaultClaimSpec(ensureRecord(template, 'spec'));
  }
}

export function setPodSpecDefaults(spec: Json): void {
  if (str(spec.dnsPolicy) === '') spec.dnsPolicy = 'ClusterFirst';
  if (str(spec.restartPolicy) === '') spec.restartPolicy = 'Always';
  ensureRecord(spec, 'securityContext');
  setIfAbsent(spec, 'terminationGracePeriodSeconds', 30);
  if (str(spec.schedulerName) === '') spec.schedulerName = 'default-scheduler';
  if (str(spec.serviceAccountName) === '' && str(spec.serviceAccount) !== '')
    spec.serviceAccountName = spec.serviceAccount;
  if (str(spec.serviceAccountName) !== '') spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
  for (const list of ['containers', 'initContainers', 'ephemeralContainers'])
    for (const ctr of records(spec[list])) defaultContainer(ctr);
  for (const volume of records(spec.volumes)) defaultVolume(volume);
  defaultResourceList(spec, 'overhead');
}

/** A pod template: its (empty) metadata as Go writes it, and its spec. */
export function setPodTemplateSpecDefaults(template: Json): void {
  const meta = ensureRecord(template, 'metadata');
  if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
  setPodSpecDefaults(ensureRecord(template, 'spec'));
}
