// ServiceAccount admission (plugin/pkg/admission/serviceaccount): a new pod runs as the `default` ServiceAccount
// unless it names one, that ServiceAccount must exist, its token is mounted as a projected volume unless the pod or
// the ServiceAccount turns automounting off, and its image pull secrets are copied to a pod that has none. Mirror
// pods (the kubelet's copies of static pods) are left as they are and may not refer to ServiceAccounts or Secrets.

import type { KubeObject } from '../../../api/object.ts';
import { generateName as randomName } from '../../registry/generic/generate-name.ts';
import { ensureRecord, records, record, str } from '../../validation/access.ts';
import type { Json } from '../../validation/access.ts';
import type { AdmissionAttributes, AdmissionPlugin } from '../admission.ts';
import { admissionForbidden } from './admission-errors.ts';
import type { GetNamespacedObject } from './lookups.ts';
import {
  disallowedEphemeralSecretReference,
  disallowedSecretReference,
  podReferencesSecrets,
} from './pod-secret-references.ts';
import { mountServiceAccountToken } from './service-account-volume.ts';

export const DEFAULT_SERVICE_ACCOUNT_NAME = 'default';
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
export const ENFORCE_MOUNTABLE_SECRETS_ANNOTATION = 'kubernetes.io/enforce-mountable-secrets';
/** Upstream looks the default ServiceAccount up ten times, as its controller may not have created it yet. */
const DEFAULT_SERVICE_ACCOUNT_ATTEMPTS = 10;

export interface ServiceAccountOptions {
  getServiceAccount: GetNamespacedObject;
  /** Waits `ms` of lab time between lookups of a ServiceAccount that is not there yet. */
  sleep: (ms: number) => Promise<void>;
  /** Names the token volume from its prefix (five random characters, as names.SimpleNameGenerator). */
  generateName?: (prefix: string) => string;
}

/** strconv.ParseBool's true values. */
const TRUE_VALUES = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

function isMirrorPod(pod: KubeObject): boolean {
  return pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined;
}

/** The pod's preference wins, then the ServiceAccount's; tokens are mounted by default. */
function shouldAutomount(serviceAccount: KubeObject, spec: Json): boolean {
  if (typeof spec.automountServiceAccountToken === 'boolean') return spec.automountServiceAccountToken;
  if (typeof serviceAccount.automountServiceAccountToken === 'boolean')
    return serviceAccount.automountServiceAccountToken;
  return true;
}

function enforcesMountableSecrets(serviceAccount: KubeObject): boolean {
  return TRUE_VALUES.has(serviceAccount.metadata.annotations?.[ENFORCE_MOUNTABLE_SECRETS_ANNOTATION] ?? '');
}

export class ServiceAccount implements AdmissionPlugin {
  readonly name = 'ServiceAccount';
  private readonly generateName: (prefix: string) => string;

  constructor(private readonly options: ServiceAccountOptions) {
    this.generateName = options.generateName ?? ((prefix) => randomName(prefix));
  }

  async admit(a: AdmissionAttributes): Promise<void> {
    const pod = podOf(a);
    if (!pod || a.operation !== 'CREATE') return;
    if (!isMirrorPod(pod)) {
      const spec = ensureRecord(pod, 'spec');
      if (str(spec.serviceAccountName) === '') {
        spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT_NAME;
        // The deprecated field always mirrors the name in v1 (the conversion writes both).
        spec.serviceAccount = DEFAULT_SERVICE_ACCOUNT_NAME;
      }
      const serviceAccount = await this.serviceAccount(a, str(spec.serviceAccountName));
      if (shouldAutomount(serviceAccount, spec)) mountServiceAccountToken(spec, this.generateName);
      const pullSecrets = records(serviceAccount.imagePullSecrets);
      if (records(spec.imagePullSecrets).length === 0 && pullSecrets.length > 0) {
        spec.imagePullSecrets = pullSecrets.map((ref) => ({ name: str(ref.name) }));
      }
    }
    await this.validate(a);
  }

  async validate(a: AdmissionAttributes): Promise<void> {
    const pod = podOf(a);
    if (!pod) return;
    const spec = record(pod.spec) ?? {};
    if (a.operation === 'UPDATE' && a.subresource === 'ephemeralcontainers') {
      await this.checkSecrets(a, pod, spec, disallowedEphemeralSecretReference);
      return;
    }
    if (a.operation !== 'CREATE') return;
    if (isMirrorPod(pod)) {
      checkMirrorPod(a, spec);
      return;
    }
    await this.checkSecrets(a, pod, spec, disallowedSecretReference);
  }

  /** The pod's ServiceAccount must exist; one that enforces mountable secrets must allow the pod's references. */
  private async checkSecrets(
    a: AdmissionAttributes,
    pod: KubeObject,
    spec: Json,
    disallowed: (serviceAccount: Json, spec: Json) => string | undefined,
  ): Promise<void> {
    const name = str(spec.serviceAccountName);
    if (name === '') {
      throw admissionForbidden(a, `no service account specified for pod ${a.namespace}/${pod.metadata.name ?? ''}`);
    }
    const serviceAccount = await this.serviceAccount(a, name);
    if (!enforcesMountableSecrets(serviceAccount)) return;
    const problem = disallowed(serviceAccount, spec);
    if (problem) throw admissionForbidden(a, problem);
  }

  /** The named ServiceAccount, looked up again for a while when it is the default one and not there yet. */
  private async serviceAccount(a: AdmissionAttributes, name: string): Promise<KubeObject> {
    const attempts = name === DEFAULT_SERVICE_ACCOUNT_NAME ? DEFAULT_SERVICE_ACCOUNT_ATTEMPTS : 1;
    const retryInterval = 100 + Math.floor(Math.random() * 100);
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await this.options.sleep(retryInterval);
      const found = await this.options.getServiceAccount(a.namespace, name);
      if (found) return found;
    }
    throw admissionForbidden(
      a,
      `error looking up service account ${a.namespace}/${name}: serviceaccount "${name}" not found`,
    );
  }
}

/** Pods, main resource or ephemeral containers, with an object to look at. */
function podOf(a: AdmissionAttributes): KubeObject | undefined {
  if (a.group !== '' || a.resource !== 'pods') return undefined;
  if (a.subresource !== '' && a.subresource !== 'ephemeralcontainers') return undefined;
  return a.object;
}

function checkMirrorPod(a: AdmissionAttributes, spec: Json): void {
  if (str(spec.serviceAccountName) !== '') {
    throw admissionForbidden(a, 'a mirror pod may not reference service accounts');
  }
  if (podReferencesSecrets(spec)) throw admissionForbidden(a, 'a mirror pod may not reference secrets');
  for (const volume of records(spec.volumes)) {
    if (records(record(volume.projected)?.sources).some((source) => record(source.serviceAccountToken))) {
      throw admissionForbidden(a, 'a mirror pod may not use ServiceAccountToken volume projections');
    }
  }
}
