// DefaultStorageClass admission (plugin/pkg/admission/storage/storageclass/setdefault): a new claim that names no
// StorageClass (neither spec.storageClassName, even "", nor the beta annotation) gets the cluster's default class,
// the one annotated is-default-class "true"; when several are, the newest wins (ties go to the first name).

import type { KubeObject } from '../../../api/object.ts';
import { ensureRecord } from '../../validation/access.ts';
import type { AdmissionAttributes, AdmissionPlugin } from '../admission.ts';
import type { ListObjects } from './lookups.ts';

export const IS_DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const BETA_IS_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

function isDefaultClass(storageClass: KubeObject): boolean {
  const annotations = storageClass.metadata.annotations ?? {};
  return (
    annotations[IS_DEFAULT_CLASS_ANNOTATION] === 'true' || annotations[BETA_IS_DEFAULT_CLASS_ANNOTATION] === 'true'
  );
}

const createdAt = (object: KubeObject): number => Date.parse(object.metadata.creationTimestamp ?? '') || 0;

/** The default StorageClass (pkg/volume/util GetDefaultClass): newest first, then by name. */
export function defaultStorageClass(classes: readonly KubeObject[]): KubeObject | undefined {
  const candidates = classes.filter(isDefaultClass);
  candidates.sort((a, b) => {
    const byAge = createdAt(b) - createdAt(a);
    if (byAge !== 0) return byAge;
    const [x, y] = [a.metadata.name ?? '', b.metadata.name ?? ''];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return candidates[0];
}

export class DefaultStorageClass implements AdmissionPlugin {
  readonly name = 'DefaultStorageClass';

  constructor(private readonly listStorageClasses: ListObjects) {}

  async admit(a: AdmissionAttributes): Promise<void> {
    if (a.operation !== 'CREATE' || a.subresource !== '' || a.group !== '' || a.resource !== 'persistentvolumeclaims') {
      return;
    }
    const claim = a.object;
    if (!claim || claim.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] !== undefined) return;
    const spec = ensureRecord(claim, 'spec');
    if (spec.storageClassName != null) return;
    const found = defaultStorageClass(await this.listStorageClasses());
    if (found?.metadata.name) spec.storageClassName = found.metadata.name;
  }
}
