// Allocation of Service cluster IPs and node ports, as the Service REST storage does before a Service is validated:
// an address from the service range (or the one asked for, if it is in range and free), node ports from 30000-32767
// for NodePort and LoadBalancer Services, nothing for headless and ExternalName Services. What is in use is read
// from the stored Services; writes in flight hold their picks until they land.

import type { KubeObject } from '../api/object.ts';
import { isPlainObject } from '../api/object.ts';
import { FieldPath, invalidValue } from '../apiserver/errors/field-error.ts';
import type { FieldError } from '../apiserver/errors/field-error.ts';
import { invalid } from '../apiserver/errors/status-error.ts';
import type { RegistryStore, StoreHooks } from '../apiserver/registry/generic/registry-store.ts';
import type { RequestScope } from '../apiserver/registry/generic/request-scope.ts';
import type { ClusterConfig } from './cluster-config.ts';

interface Range {
  base: number;
  size: number;
}

function ipToNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

function parseCIDR(cidr: string): Range {
  const [ip = '', bits = '32'] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const base = ipToNumber(ip)!;
  return { base: base - (base % size), size };
}

type ServiceSpec = Record<string, unknown> & { ports?: Record<string, unknown>[] };

function specOf(obj: KubeObject | undefined): ServiceSpec {
  const spec = obj?.['spec'];
  return (isPlainObject(spec) ? spec : {}) as ServiceSpec;
}

function usesNodePorts(spec: ServiceSpec): boolean {
  return spec['type'] === 'NodePort' || spec['type'] === 'LoadBalancer';
}

function wantsClusterIP(spec: ServiceSpec): boolean {
  return spec['type'] !== 'ExternalName' && spec['clusterIP'] !== 'None';
}

export function serviceHooks(config: ClusterConfig, services: () => RegistryStore): StoreHooks {
  const range = parseCIDR(config.serviceCIDR);
  const rangeText = config.serviceCIDR;
  const { min, max } = config.nodePortRange;
  const pendingIPs = new Set<string>();
  const pendingPorts = new Set<number>();

  async function inUse(exceptKey: string): Promise<{ ips: Set<string>; ports: Set<number> }> {
    const list = await services().list('', {});
    const ips = new Set(pendingIPs);
    const ports = new Set(pendingPorts);
    for (const svc of list.items) {
      if (`${svc.metadata.namespace}/${svc.metadata.name}` === exceptKey) continue;
      const spec = specOf(svc);
      for (const ip of (spec['clusterIPs'] as string[] | undefined) ?? [spec['clusterIP'] as string])
        if (ip) ips.add(ip);
      for (const port of spec.ports ?? []) if (typeof port['nodePort'] === 'number') ports.add(port['nodePort']);
      if (typeof spec['healthCheckNodePort'] === 'number') ports.add(spec['healthCheckNodePort']);
    }
    return { ips, ports };
  }

  function pickIP(used: Set<string>): string | undefined {
    for (let attempt = 0; attempt < range.size * 2; attempt++) {
      const offset = 1 + Math.floor(Math.random() * (range.size - 2));
      const ip = numberToIp(range.base + offset);
      if (!used.has(ip)) return ip;
    }
    return undefined;
  }

  function pickPort(used: Set<number>): number | undefined {
    const span = max - min + 1;
    const start = Math.floor(Math.random() * span);
    for (let i = 0; i < span; i++) {
      const port = min + ((start + i) % span);
      if (!used.has(port)) return port;
    }
    return undefined;
  }

  async function allocate(
    obj: KubeObject,
    old: KubeObject | undefined,
    scope: RequestScope,
  ): Promise<(ok: boolean) => void> {
    const spec = specOf(obj);
    const oldSpec = specOf(old);
    const key = `${obj.metadata.namespace ?? scope.namespace}/${obj.metadata.name}`;
    const used = await inUse(old ? key : '');
    const errors: FieldError[] = [];
    const heldIPs: string[] = [];
    const heldPorts: number[] = [];
    const specPath = FieldPath.root('spec');

    if (wantsClusterIP(spec)) {
      const requested =
        (spec['clusterIP'] as string | undefined) ?? (spec['clusterIPs'] as string[] | undefined)?.[0] ?? '';
      const keep = old && oldSpec['clusterIP'] && oldSpec['clusterIP'] !== 'None' && requested === oldSpec['clusterIP'];
      if (!keep) {
        if (requested) {
          const n = ipToNumber(requested);
          if (n === undefined) {
            // Malformed addresses are the validator's to report.
          } else if (n < range.base || n >= range.base + range.size) {
            errors.push(
              invalidValue(
                specPath.child('clusterIPs'),
                [requested],
                `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${rangeText}`,
              ),
            );
          } else if (used.ips.has(requested)) {
            errors.push(
              invalidValue(
                specPath.child('clusterIPs'),
                [requested],
                `failed to allocate IP ${requested}: provided IP is already allocated`,
              ),
            );
          } else {
            heldIPs.push(requested);
          }
        } else {
          const ip = pickIP(used.ips);
          if (!ip)
            errors.push(
              invalidValue(specPath.child('clusterIPs'), [], 'failed to allocate a serviceIP: range is full'),
            );
          else {
            spec['clusterIP'] = ip;
            heldIPs.push(ip);
          }
        }
      }
      if (spec['clusterIP']) spec['clusterIPs'] = [spec['clusterIP'] as string];
    } else if (spec['type'] !== 'ExternalName') {
      spec['clusterIPs'] = ['None'];
    }
    if (spec['type'] !== 'ExternalName') {
      spec['ipFamilies'] ??= ['IPv4'];
      spec['ipFamilyPolicy'] ??= 'SingleStack';
    }

    if (usesNodePorts(spec)) {
      const oldPorts = new Set(
        (oldSpec.ports ?? []).map((p) => p['nodePort']).filter((p): p is number => typeof p === 'number'),
      );
      (spec.ports ?? []).forEach((port, i) => {
        const requested = port['nodePort'];
        if (typeof requested === 'number' && requested !== 0) {
          if (oldPorts.has(requested)) return;
          if (requested < min || requested > max) {
            errors.push(
              invalidValue(
                specPath.child('ports').index(i).child('nodePort'),
                requested,
                `provided port is not in the valid range. The range of valid ports is ${min}-${max}`,
              ),
            );
          } else if (used.ports.has(requested) || heldPorts.includes(requested)) {
            errors.push(
              invalidValue(
                specPath.child('ports').index(i).child('nodePort'),
                requested,
                'provided port is already allocated',
              ),
            );
          } else {
            heldPorts.push(requested);
          }
          return;
        }
        const picked = pickPort(new Set([...used.ports, ...heldPorts]));
        if (picked === undefined) {
          errors.push(invalidValue(specPath.child('ports').index(i).child('nodePort'), 0, 'range is full'));
        } else {
          port['nodePort'] = picked;
          heldPorts.push(picked);
        }
      });
    } else {
      for (const port of spec.ports ?? []) delete port['nodePort'];
    }

    if (errors.length) throw invalid('', 'Service', obj.metadata.name ?? '', errors);
    for (const ip of heldIPs) pendingIPs.add(ip);
    for (const port of heldPorts) pendingPorts.add(port);
    return () => {
      for (const ip of heldIPs) pendingIPs.delete(ip);
      for (const port of heldPorts) pendingPorts.delete(port);
    };
  }

  return {
    beginCreate: (obj, scope) => allocate(obj, undefined, scope),
    beginUpdate: (obj, old, scope) => allocate(obj, old, scope),
  };
}
