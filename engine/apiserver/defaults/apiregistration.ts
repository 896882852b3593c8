// Defaults of apiregistration.k8s.io/v1 (kube-aggregator pkg/apis/apiregistration/v1/defaults.go): an APIService's
// Service listens on 443.

import type { KubeObject } from '../../api/object.ts';
import { record } from '../validation/access.ts';

export function setAPIServiceDefaults(apiService: KubeObject): void {
  const service = record(record(apiService.spec)?.service);
  if (service && typeof service.port !== 'number') service.port = 443;
}
