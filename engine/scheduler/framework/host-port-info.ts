// The host ports in use on a node (framework.HostPortInfo): ip → protocol/port pairs, where 0.0.0.0 (or an absent
// IP) conflicts with every address.

const DEFAULT_BIND_ALL_HOST_IP = '0.0.0.0';
const DEFAULT_PROTOCOL = 'TCP';

function sanitize(ip: string | undefined, protocol: string | undefined): [string, string] {
  return [ip || DEFAULT_BIND_ALL_HOST_IP, protocol || DEFAULT_PROTOCOL];
}

export class HostPortInfo {
  private readonly byIP = new Map<string, Set<string>>();

  add(ip: string | undefined, protocol: string | undefined, port: number): void {
    if (port <= 0) return;
    const [i, p] = sanitize(ip, protocol);
    let set = this.byIP.get(i);
    if (!set) this.byIP.set(i, (set = new Set()));
    set.add(`${p}/${port}`);
  }

  remove(ip: string | undefined, protocol: string | undefined, port: number): void {
    if (port <= 0) return;
    const [i, p] = sanitize(ip, protocol);
    const set = this.byIP.get(i);
    if (!set) return;
    set.delete(`${p}/${port}`);
    if (set.size === 0) this.byIP.delete(i);
  }

  get size(): number {
    let n = 0;
    for (const set of this.byIP.values()) n += set.size;
    return n;
  }

  /** Whether (ip, protocol, port) is taken: by the same IP, or by any IP when either side binds 0.0.0.0. */
  checkConflict(ip: string | undefined, protocol: string | undefined, port: number): boolean {
    if (port <= 0) return false;
    const [i, p] = sanitize(ip, protocol);
    const pp = `${p}/${port}`;
    if (i === DEFAULT_BIND_ALL_HOST_IP) {
      for (const set of this.byIP.values()) if (set.has(pp)) return true;
      return false;
    }
    return !!this.byIP.get(i)?.has(pp) || !!this.byIP.get(DEFAULT_BIND_ALL_HOST_IP)?.has(pp);
  }

  clone(): HostPortInfo {
    const copy = new HostPortInfo();
    for (const [ip, set] of this.byIP) copy.byIP.set(ip, new Set(set));
    return copy;
  }
}
