// Our descriptions of configuration and cluster objects: ConfigMap, Secret, Namespace, ServiceAccount and Node.

import type { DescriptionTable } from './definition-descriptions.ts';

const CORE = 'io.k8s.api.core.v1';

export const CLUSTER_DESCRIPTIONS: DescriptionTable = {
  [`${CORE}.ConfigMap`]: {
    fields: {
      data: 'The configuration, as string keys and string values. A value may be a whole file.',
      binaryData: 'Keys with binary values, base64-encoded. Keys may not also appear in data.',
      immutable: 'When true, data cannot be changed any more; delete and recreate the ConfigMap instead.',
    },
  },
  [`${CORE}.Secret`]: {
    fields: {
      data:
        'The secret values, base64-encoded (encoding is not encryption: anyone who can read the Secret can decode ' +
        'them).',
      stringData: 'Values as plain strings, for convenience when writing; they are moved into data on save.',
      type:
        'What the Secret holds, which decides the keys it needs: Opaque (anything, the default), ' +
        'kubernetes.io/tls (tls.crt and tls.key), kubernetes.io/dockerconfigjson (registry credentials), ' +
        'kubernetes.io/service-account-token…',
      immutable: 'When true, data cannot be changed any more.',
    },
  },
  [`${CORE}.Namespace`]: {
    fields: {
      spec: 'The finalizers of the namespace.',
      status: 'Whether the namespace is Active or Terminating.',
    },
  },
  [`${CORE}.NamespaceSpec`]: {
    description: 'The desired state of a Namespace.',
    fields: { finalizers: 'Clean-up steps that must finish before the namespace is removed.' },
  },
  [`${CORE}.NamespaceStatus`]: {
    description: 'The observed state of a Namespace.',
    fields: {
      phase: 'Active, or Terminating while the objects inside are being deleted.',
      conditions: "Problems met while deleting the namespace's contents.",
    },
  },
  [`${CORE}.ServiceAccount`]: {
    fields: {
      secrets: 'Secrets that Pods running as this account may use. Legacy token Secrets were listed here.',
      imagePullSecrets: 'Registry credentials added to every Pod that runs as this account.',
      automountServiceAccountToken: 'Whether Pods running as this account get its token mounted by default.',
    },
  },
  [`${CORE}.Node`]: {
    fields: {
      spec: 'Settings of the node: whether it accepts new Pods, its taints, its Pod IP range.',
      status: 'What the kubelet reports: conditions, capacity, addresses, and system information.',
    },
  },
  [`${CORE}.NodeSpec`]: {
    description: 'The desired state of a Node.',
    fields: {
      unschedulable:
        'When true the scheduler places no new Pods on the node; running Pods stay. kubectl cordon sets it and ' +
        'kubectl uncordon clears it.',
      taints:
        'Taints repel Pods: no Pod is scheduled onto the node unless it tolerates every NoSchedule taint, and ' +
        'NoExecute taints also evict running Pods that do not tolerate them.',
      podCIDR: "The IP address range the node's Pods get their addresses from.",
      podCIDRs: 'The Pod IP address ranges, one per IP family.',
      providerID: 'The ID of the machine at the cloud provider.',
      externalID: 'Deprecated.',
      configSource: 'Deprecated.',
    },
  },
  [`${CORE}.Taint`]: {
    description: 'A mark on a node that keeps away Pods that do not tolerate it.',
    fields: {
      key: 'The taint key, such as node.kubernetes.io/not-ready or dedicated.',
      value: 'An optional value.',
      effect:
        'NoSchedule (no new Pods without a toleration), PreferNoSchedule (avoid if possible) or NoExecute (also ' +
        'evict running Pods without a toleration).',
      timeAdded: 'When a NoExecute taint was added.',
    },
  },
  [`${CORE}.NodeStatus`]: {
    description: 'The observed state of a Node, reported by its kubelet.',
    fields: {
      conditions:
        'The health of the node. Ready=True means the kubelet is healthy and accepts Pods; MemoryPressure, ' +
        'DiskPressure and PIDPressure report shortages.',
      capacity: 'The total resources of the node: cpu, memory, ephemeral-storage, and how many Pods it can hold.',
      allocatable:
        'The part of capacity available to Pods, after what is reserved for the system. The scheduler fits Pod ' +
        'requests into this.',
      addresses: "The node's addresses: InternalIP, ExternalIP, Hostname.",
      nodeInfo: 'Versions and IDs: kubelet, container runtime, kernel, operating system.',
      daemonEndpoints: 'The port the kubelet listens on.',
      images: 'Container images present on the node.',
      volumesInUse: 'Volumes mounted on the node.',
      volumesAttached: 'Volumes attached to the node.',
      phase: 'Deprecated.',
    },
  },
  [`${CORE}.NodeCondition`]: {
    description: "One aspect of a node's health.",
    fields: {
      type: 'Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable.',
      status: '"True", "False" or "Unknown" (the kubelet has stopped reporting).',
      reason: 'A short CamelCase reason, such as KubeletReady.',
      message: 'A human-readable explanation.',
      lastHeartbeatTime: 'When the kubelet last reported this condition.',
      lastTransitionTime: 'When status last changed.',
    },
  },
  [`${CORE}.NodeAddress`]: {
    description: 'One address of a node.',
    fields: { type: 'InternalIP, ExternalIP, Hostname, InternalDNS or ExternalDNS.', address: 'The address.' },
  },
  [`${CORE}.NodeSystemInfo`]: {
    description: 'System information about a node.',
    fields: {
      kubeletVersion: 'The version of the kubelet.',
      containerRuntimeVersion: 'The container runtime and its version, such as containerd://1.7.0.',
      kernelVersion: 'The version of the Linux kernel.',
      osImage: 'The operating system image.',
      operatingSystem: 'linux or windows.',
      architecture: 'The CPU architecture, such as amd64.',
      machineID: 'The machine ID.',
      systemUUID: 'The system UUID.',
      bootID: 'Changes each time the node reboots.',
      kubeProxyVersion: 'Deprecated.',
    },
  },
};
