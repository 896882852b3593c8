// How long the simulated container runtime takes, in lab time. Real containerd takes about half a second to set up
// a pod sandbox and its network, a tenth of a second to create and start a container, and pulls at the speed of
// the registry; a benchmark may set everything to zero so a pod starts within one status update.

export interface RuntimeTimings {
  /** RunPodSandbox: the pause container and the pod network. */
  sandboxStartMs: number;
  /** CreateContainer + StartContainer. */
  containerStartMs: number;
  /** Resolving a reference at the registry before layers download (also what a pull of a present image costs). */
  pullLatencyMs: number;
  /** Download speed: a pull takes pullLatencyMs + sizeBytes / pullBytesPerSecond. */
  pullBytesPerSecond: number;
  /** How long the registry takes to say a reference does not exist. */
  pullFailureMs: number;
}

export const DEFAULT_RUNTIME_TIMINGS: RuntimeTimings = {
  sandboxStartMs: 500,
  containerStartMs: 100,
  pullLatencyMs: 400,
  pullBytesPerSecond: 30_000_000,
  pullFailureMs: 600,
};

/** Timings that make every runtime operation instant (benchmarks). */
export const INSTANT_RUNTIME_TIMINGS: RuntimeTimings = {
  sandboxStartMs: 0,
  containerStartMs: 0,
  pullLatencyMs: 0,
  pullBytesPerSecond: Infinity,
  pullFailureMs: 0,
};
