// The pod's hostPorts as the kubelet hands them to the runtime (kubecontainer.MakePortMappings): every container
// port with a hostPort, its protocol lowercased for CNI; a host port and protocol given twice counts once. A
// host-network pod publishes nothing: its programs listen on the node already.

import type { PortMapping } from '../runtime/pod-network.ts';
import type { PodSpec } from './pod-types.ts';

export function podPortMappings(spec: PodSpec): PortMapping[] {
  if (spec.hostNetwork) return [];
  const seen = new Set<string>();
  const mappings: PortMapping[] = [];
  for (const container of spec.containers) {
    for (const port of container.ports ?? []) {
      if (!port.hostPort) continue;
      const protocol = port.protocol?.toUpperCase() === 'UDP' ? 'udp' : 'tcp';
      const key = `${port.hostIP ?? ''}:${port.hostPort}/${protocol}`;
      if (seen.has(key)) continue;
      seen.add(key);
      mappings.push({
        protocol,
        containerPort: port.containerPort,
        hostPort: port.hostPort,
        ...(port.hostIP && { hostIP: port.hostIP }),
      });
    }
  }
  return mappings;
}
