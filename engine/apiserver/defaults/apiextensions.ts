// Defaults of apiextensions.k8s.io/v1 (apiextensions-apiserver pkg/apis/apiextensions/v1/defaults.go): a CRD's
// singular name is its kind in lower case, its list kind is <Kind>List, conversion is None, a conversion webhook
// Service listens on 443, and the storage version is recorded as stored.

import type { KubeObject } from '../../api/object.ts';
import { ensureRecord, list, record, records, str } from '../validation/access.ts';

export function setCustomResourceDefinitionDefaults(crd: KubeObject): void {
  const spec = ensureRecord(crd, 'spec');
  const names = ensureRecord(spec, 'names');
  const kind = str(names.kind);
  if (str(names.singular) === '') names.singular = kind.toLowerCase();
  if (str(names.listKind) === '' && kind !== '') names.listKind = `${kind}List`;
  if (!record(spec.conversion)) spec.conversion = { strategy: 'None' };
  const service = record(record(record(record(spec.conversion)?.webhook)?.clientConfig)?.service);
  if (service && typeof service.port !== 'number') service.port = 443;
  const status = record(crd.status);
  if (status && list(status.storedVersions).length === 0) {
    const storage = records(spec.versions).find((v) => v.storage === true);
    if (storage) status.storedVersions = [str(storage.name)];
  }
}
