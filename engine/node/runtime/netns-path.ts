// Where containerd keeps a sandbox's network namespace: a file under /var/run/netns with a CNI-style name
// (`cni-<uuid>`), derived here from the sandbox ID; host-network sandboxes have none of their own ("host").

/** The namespace's file name under /var/run/netns, as `ip netns` lists it. */
export function netnsNameOf(sandboxId: string): string {
  const hex = sandboxId.padEnd(32, '0');
  return `cni-${[hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20, 32)].join('-')}`;
}

export function netnsPathOf(sandbox: { id: string; hostNetwork: boolean }): string {
  return sandbox.hostNetwork ? 'host' : `/var/run/netns/${netnsNameOf(sandbox.id)}`;
}
