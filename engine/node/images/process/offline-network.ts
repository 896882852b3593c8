// The network of a container before the network lab joins: a loopback interface where nothing listens, names from
// /etc/hosts (the kubelet writes the pod's own entry there), and no DNS server that answers.

import type { ContainerFilesystem, LookupResult, NetworkAccess } from '../program.ts';

const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Addresses /etc/hosts gives a name. */
function hostsEntries(fs: ContainerFilesystem, name: string): string[] {
  const addresses: string[] = [];
  for (const line of (fs.read('/etc/hosts') ?? '').split('\n')) {
    const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (address && names.includes(name)) addresses.push(address);
  }
  return addresses;
}

function isLocal(fs: ContainerFilesystem, address: string): boolean {
  if (address.startsWith('127.') || address === '::1') return true;
  return (fs.read('/etc/hosts') ?? '').split('\n').some((line) => line.trim().split(/\s+/)[0] === address);
}

export function offlineNetwork(fs: ContainerFilesystem): NetworkAccess {
  return {
    async lookup(name): Promise<LookupResult> {
      if (ipv4.test(name)) return { status: 'found', name, addresses: [name] };
      const addresses = name === 'localhost' ? ['127.0.0.1'] : hostsEntries(fs, name);
      if (addresses.length > 0) return { status: 'found', name, addresses };
      return { status: 'timeout' };
    },
    connect: async () => 'refused',
    http: async () => 'refused',
    ping: async (address) => (isLocal(fs, address) ? 0.045 : undefined),
    interfaces: () => [{ name: 'lo', addresses: ['127.0.0.1/8'], mac: '00:00:00:00:00:00', mtu: 65536 }],
    routes: () => [],
  };
}
