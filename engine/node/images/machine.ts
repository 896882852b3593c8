// The simulated machine as programs inside containers see it: kernel (uname, /proc/version), CPUs and memory (nproc,
// free), the root disk (df). The kubelet's Node nodeInfo.kernelVersion should report the same kernel.

export const machine = {
  kernelRelease: '6.8.0-51-generic',
  kernelVersion: '#52-Ubuntu SMP PREEMPT_DYNAMIC Thu Dec  5 13:09:44 UTC 2024',
  architecture: 'x86_64',
  cpus: 4,
  memoryKiB: 16_374_632,
  diskKiB: 102_626_232,
};
