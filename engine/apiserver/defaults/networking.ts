// Defaults of the networking.k8s.io group (pkg/apis/networking/v1/defaults.go): NetworkPolicy ports speak TCP and
// policies without policyTypes apply to ingress (and to egress when they have egress rules); IngressClass
// parameters are cluster-scoped. A policy's podSelector is always written, as Go serialises the struct.

import type { KubeObject } from '../../api/object.ts';
import { ensureRecord, list, record, records } from '../validation/access.ts';

export function setNetworkPolicyDefaults(policy: KubeObject): void {
  const spec = ensureRecord(policy, 'spec');
  ensureRecord(spec, 'podSelector');
  for (const rule of [...records(spec.ingress), ...records(spec.egress)]) {
    for (const port of records(rule.ports)) if (typeof port.protocol !== 'string') port.protocol = 'TCP';
  }
  if (list(spec.policyTypes).length === 0) {
    spec.policyTypes = list(spec.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
}

export function setIngressClassDefaults(ingressClass: KubeObject): void {
  const parameters = record(record(ingressClass.spec)?.parameters);
  if (parameters && typeof parameters.scope !== 'string') parameters.scope = 'Cluster';
}
