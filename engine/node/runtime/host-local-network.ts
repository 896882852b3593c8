// The network plugin of a node outside the network lab: host-local IPAM on the node's pod CIDR and nothing else —
// each sandbox gets an address, and its containers reach only the ports of their own pod (loopback and the pod IP).
// Kubelet tests and nodes started without a data plane use it.

import { loopbackNetwork } from '../images/process/loopback-network.ts';
import { IpAllocator } from './ip-allocator.ts';
import type { PodNetworkPlugin, SandboxNetwork, SandboxNetworkRequest } from './pod-network.ts';

export class HostLocalNetwork implements PodNetworkPlugin {
  private ips: IpAllocator | undefined;
  private cidr: string | undefined;
  private readonly addresses = new Map<string, string>();

  constructor(private readonly nodeIP: string) {}

  configure(podCidr: string): boolean {
    if (podCidr === this.cidr) return true;
    const allocator = IpAllocator.forCidr(podCidr);
    if (!allocator) return false;
    this.cidr = podCidr;
    this.ips = allocator;
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
      const allocated = this.ips?.allocate();
      if (!allocated) {
        throw new Error(
          `plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${this.cidr ?? ''}`,
        );
      }
      ip = allocated;
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
