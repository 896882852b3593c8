// The network plugin of a node outside the network lab: host-local IPAM on the node's pod CIDR and nothing else —
// each sandbox gets an address, and its containers reach only the ports of their own pod (loopback and the pod IP).
// Kubelet tests and nodes started without a data plane use it.

import { loopbackNetwork } from '../images/process/loopback-network.ts';
import { parseCidr } from '../../network/ip.ts';
import { HostLocalIpam } from '../../network/topology/ipam.ts';
import type { PodNetworkPlugin, SandboxNetwork, SandboxNetworkRequest } from './pod-network.ts';

export class HostLocalNetwork implements PodNetworkPlugin {
  private ips: HostLocalIpam | undefined;
  private cidr: string | undefined;
  private readonly addresses = new Map<string, string>();

  constructor(private readonly nodeIP: string) {}

  configure(podCidr: string): boolean {
    if (podCidr === this.cidr) return true;
    const range = parseCidr(podCidr);
    if (range === undefined || !podCidr.includes('/') || range.prefix > 30) return false;
    this.cidr = podCidr;
    this.ips = new HostLocalIpam(range);
    return true;
  }

  get ready(): boolean {
    return this.ips !== undefined;
  }

  get podCidr(): string | undefined {
    return this.cidr;
  }

  add(request: SandboxNetworkRequest): SandboxNetwork {
    let ip = this.nodeIP;
    if (!request.hostNetwork) {
      if (this.ips === undefined) throw new Error('plugin type="bridge" failed (add): no pod CIDR for the node yet');
      try {
        ip = this.ips.allocate();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`plugin type="bridge" failed (add): failed to allocate for range 0: ${reason}`, {
          cause: error,
        });
      }
      this.addresses.set(request.sandboxId, ip);
    }
    return {
      ip,
      access(fs) {
        return loopbackNetwork(fs, request.listeners);
      },
    };
  }

  del(request: SandboxNetworkRequest): void {
    const ip = this.addresses.get(request.sandboxId);
    if (ip === undefined) return;
    this.addresses.delete(request.sandboxId);
    this.ips?.release(ip);
  }

  check(request: SandboxNetworkRequest): string[] {
    return request.hostNetwork || this.addresses.has(request.sandboxId) ? [] : ['no address for the sandbox'];
  }
}
