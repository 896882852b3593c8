// What a kubelet reports of resource use (its /stats/summary, which metrics-server turns into metrics.k8s.io):
// CPU in millicores and memory in bytes per container and pod, from the running programs (CPU capped at the
// container's limit), and the node's total — the pods plus what the system itself uses.

export interface ContainerUsage {
  name: string;
  cpuMillis: number;
  memoryBytes: number;
}

export interface PodUsage {
  namespace: string;
  name: string;
  uid: string;
  containers: ContainerUsage[];
  cpuMillis: number;
  memoryBytes: number;
}

export interface NodeSummary {
  nodeName: string;
  /** Lab time of the sample. */
  timestamp: number;
  /** The window the CPU rate is over, as metrics-server reports it. */
  windowSeconds: number;
  node: { cpuMillis: number; memoryBytes: number };
  pods: PodUsage[];
}

/** What the node's OS, containerd and kubelet use when no pod runs. */
export const DEFAULT_SYSTEM_USAGE = { cpuMillis: 30, memoryBytes: 200 * 1024 * 1024 };

export const SUMMARY_WINDOW_SECONDS = 15;

export function podUsage(
  pod: { namespace: string; name: string; uid: string },
  containers: ContainerUsage[],
): PodUsage {
  let cpuMillis = 0;
  let memoryBytes = 0;
  for (const c of containers) {
    cpuMillis += c.cpuMillis;
    memoryBytes += c.memoryBytes;
  }
  return { ...pod, containers, cpuMillis, memoryBytes };
}
