// Services (pkg/registry/core/service): defaults and validation, clusterIP and clusterIPs kept in step, and on
// update the allocated values a client left out (cluster IPs, node ports, health check port) carried over from the
// stored service and the fields the new type does not use dropped. Allocating new IPs and ports is not done here.

import type { KubeObject } from '../../../api/object.ts';
import { deepEqual } from '../../../api/json.ts';
import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition, ResourceStrategy } from '../resource-definition.ts';
import { PROXY_VERBS, resetStatus, statusSubresource, subresource } from '../definition-helpers.ts';
import { setServiceDefaults } from '../../defaults/core.ts';
import { ensureRecord, list, num, records, recordOrEmpty, str } from '../../validation/access.ts';
import type { Json } from '../../validation/access.ts';
import { nameIsDNS1035Label } from '../../validation/names.ts';
import {
  isExternallyAccessible,
  needsHealthCheck,
  validateService,
  validateServiceStatusUpdate,
  validateServiceUpdate,
} from '../../validation/core/service.ts';

function specOf(svc: KubeObject): Json {
  const spec = recordOrEmpty(svc.spec);
  svc.spec = spec;
  return spec;
}

function needsClusterIP(spec: Json): boolean {
  return str(spec.type) !== 'ExternalName';
}

function needsNodePort(spec: Json): boolean {
  return spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}

function same(spec: Json, oldSpec: Json, field: string): boolean {
  return deepEqual(spec[field] ?? null, oldSpec[field] ?? null);
}

function setOrDelete(obj: Json, field: string, value: unknown): void {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0))
    delete obj[field];
  else obj[field] = structuredClone(value);
}

/** clusterIP and clusterIPs describe the same addresses: fill one from the other (NormalizeClusterIPs). */
function normalizeClusterIPs(spec: Json, oldSpec: Json | undefined): void {
  const clusterIP = str(spec.clusterIP);
  if (!oldSpec) {
    if (clusterIP !== '' && list(spec.clusterIPs).length === 0) spec.clusterIPs = [clusterIP];
    return;
  }
  if (
    list(oldSpec.clusterIPs).length > 0 &&
    list(spec.clusterIPs).length === 0 &&
    str(oldSpec.clusterIP) === clusterIP
  ) {
    setOrDelete(spec, 'clusterIPs', oldSpec.clusterIPs);
  }
  if (str(oldSpec.clusterIP) !== clusterIP) {
    if (str(oldSpec.clusterIP) !== '' && clusterIP === '') {
      if (same(spec, oldSpec, 'clusterIPs')) delete spec.clusterIPs;
    } else if (same(spec, oldSpec, 'clusterIPs')) {
      spec.clusterIPs = [clusterIP];
    }
  }
}

/** A write that leaves out allocated values keeps the stored ones (patchAllocatedValues). */
function patchAllocatedValues(spec: Json, oldSpec: Json): void {
  if (needsClusterIP(oldSpec) && needsClusterIP(spec)) {
    if (str(spec.clusterIP) === '') setOrDelete(spec, 'clusterIP', oldSpec.clusterIP);
    if (list(spec.clusterIPs).length === 0 && list(oldSpec.clusterIPs).length > 0)
      spec.clusterIPs = structuredClone(oldSpec.clusterIPs);
  }
  if (needsNodePort(oldSpec) && needsNodePort(spec)) {
    const used = new Set(
      records(spec.ports)
        .map((p) => num(p.nodePort))
        .filter((n) => n !== 0),
    );
    const byName = new Map(records(oldSpec.ports).map((p) => [str(p.name), num(p.nodePort)]));
    for (const port of records(spec.ports)) {
      if (num(port.nodePort) !== 0) continue;
      const nodePort = byName.get(str(port.name));
      if (nodePort && !used.has(nodePort)) {
        port.nodePort = nodePort;
        used.add(nodePort);
      }
    }
  }
  if (needsHealthCheck(oldSpec) && needsHealthCheck(spec) && num(spec.healthCheckNodePort) === 0) {
    setOrDelete(spec, 'healthCheckNodePort', oldSpec.healthCheckNodePort);
  }
}

/** Fields only the old type used, and which the client did not change, are dropped (dropTypeDependentFields). */
function dropTypeDependentFields(svc: KubeObject, spec: Json, oldSpec: Json): void {
  if (needsClusterIP(oldSpec) && !needsClusterIP(spec)) {
    if (same(spec, oldSpec, 'clusterIPs')) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (same(spec, oldSpec, 'ipFamilies')) delete spec.ipFamilies;
    if (same(spec, oldSpec, 'ipFamilyPolicy')) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(oldSpec) && !needsNodePort(spec)) {
    const oldPorts = records(oldSpec.ports);
    const ports = records(spec.ports);
    const sameNodePorts =
      ports.length === oldPorts.length && ports.every((p, i) => num(p.nodePort) === num(oldPorts[i]?.nodePort));
    if (sameNodePorts) for (const port of ports) delete port.nodePort;
  }
  if (needsHealthCheck(oldSpec) && !needsHealthCheck(spec) && same(spec, oldSpec, 'healthCheckNodePort'))
    delete spec.healthCheckNodePort;
  if (oldSpec.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    const allocate = spec.allocateLoadBalancerNodePorts;
    if (typeof allocate === 'boolean' && allocate === oldSpec.allocateLoadBalancerNodePorts)
      delete spec.allocateLoadBalancerNodePorts;
    if (same(spec, oldSpec, 'loadBalancerClass')) delete spec.loadBalancerClass;
  }
  if (
    isExternallyAccessible(oldSpec) &&
    !isExternallyAccessible(spec) &&
    same(spec, oldSpec, 'externalTrafficPolicy')
  ) {
    delete spec.externalTrafficPolicy;
  }
  if (spec.type !== 'LoadBalancer') ensureRecord(svc, 'status').loadBalancer = {};
}

export const serviceStrategy: ResourceStrategy = {
  defaults: setServiceDefaults,
  prepareForCreate(svc) {
    resetStatus(svc, { loadBalancer: {} });
    normalizeClusterIPs(specOf(svc), undefined);
  },
  prepareForUpdate(svc, old) {
    const spec = specOf(svc);
    const oldSpec = recordOrEmpty(old.spec);
    patchAllocatedValues(spec, oldSpec);
    normalizeClusterIPs(spec, oldSpec);
    dropTypeDependentFields(svc, spec, oldSpec);
  },
  validate: (svc) => validateService(svc),
  validateUpdate: (svc, old) => validateServiceUpdate(svc, old),
  validateStatusUpdate: (svc) => validateServiceStatusUpdate(svc),
  returnDeletedObject: true,
  allowCreateOnUpdate: false,
  allowUnconditionalUpdate: true,
};

export const servicesResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Service',
  listKind: 'ServiceList',
  resource: 'services',
  singular: 'service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.core.v1.Service',
  subresources: {
    proxy: subresource('', 'v1', 'ServiceProxyOptions', PROXY_VERBS),
    status: statusSubresource('', 'Service'),
  },
  strategy: serviceStrategy,
  fieldSelectors: {
    'spec.clusterIP': (svc) => str(recordOrEmpty(svc.spec).clusterIP),
    'spec.type': (svc) => str(recordOrEmpty(svc.spec).type),
  },
  validateName: nameIsDNS1035Label,
};
