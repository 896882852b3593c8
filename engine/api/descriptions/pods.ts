// Our descriptions of Pods and their specs: PodSpec, PodTemplateSpec, PodStatus and the conditions of a Pod.

import type { DescriptionTable } from './definition-descriptions.ts';

const CORE = 'io.k8s.api.core.v1';

export const POD_DESCRIPTIONS: DescriptionTable = {
  [`${CORE}.Pod`]: {
    fields: {
      spec: 'What the Pod should run: its containers, volumes and scheduling preferences.',
      status:
        'What is actually happening to the Pod: its phase, conditions, IP address and the state of each ' +
        'container. Written by the kubelet; read-only for users.',
    },
  },
  [`${CORE}.PodTemplateSpec`]: {
    description:
      'The blueprint for the Pods a controller creates: metadata (usually labels that the selector matches) and a ' +
      'Pod spec. Changing the template of a Deployment starts a rollout.',
    fields: {
      metadata: 'Labels and annotations every Pod created from this template gets.',
      spec: 'The Pod spec every Pod created from this template gets.',
    },
  },
  [`${CORE}.PodSpec`]: {
    description: 'The desired state of a Pod: which containers run, with which volumes, where and how.',
    fields: {
      containers:
        'The containers of the Pod, started together once every init container has finished. A Pod needs at ' +
        'least one. Each has a unique name.',
      initContainers:
        'Containers that run one after another, each to completion, before the main containers start. Use them ' +
        'to wait for a dependency or prepare files. If one fails, the Pod restarts it according to restartPolicy.',
      ephemeralContainers: 'Temporary containers added to a running Pod for debugging, as kubectl debug does.',
      volumes:
        'Storage the containers can mount: an empty scratch directory, a ConfigMap or Secret, a PersistentVolumeClaim' +
        ', and more. Each has a name that volumeMounts refer to.',
      restartPolicy:
        'What the kubelet does when a container exits: Always (restart it; the only value allowed in ' +
        'Deployments), OnFailure (restart it only after an error), or Never. Defaults to Always.',
      terminationGracePeriodSeconds:
        'How long the containers get to shut down after SIGTERM before they are killed. Defaults to 30 seconds.',
      activeDeadlineSeconds: 'How long the Pod may run in total before it is marked failed and its containers stopped.',
      dnsPolicy:
        "How DNS is set up in the Pod: ClusterFirst (the cluster DNS, the default), Default (the node's resolver), " +
        'ClusterFirstWithHostNet, or None (only dnsConfig).',
      dnsConfig: 'Extra DNS settings: name servers, search domains and resolver options.',
      nodeSelector:
        'Labels a node must have for the Pod to be scheduled onto it, like disktype=ssd. The simplest way to ' +
        'steer a Pod to particular nodes.',
      nodeName:
        'The node the Pod runs on. The scheduler sets it; if you set it yourself, the Pod skips the scheduler and ' +
        "goes straight to that node's kubelet.",
      serviceAccountName:
        'The ServiceAccount the Pod runs as; its token is mounted into the containers so they can call the API. ' +
        'Defaults to "default".',
      serviceAccount: 'Deprecated alias of serviceAccountName.',
      automountServiceAccountToken: 'Whether the service account token is mounted into the containers.',
      hostNetwork: "Run the Pod in the node's own network namespace, using the node's IP address and ports.",
      hostPID: 'Let the containers see every process on the node.',
      hostIPC: "Let the containers use the node's inter-process communication namespace.",
      hostname: "The host name of the Pod. Defaults to the Pod's name.",
      subdomain:
        'With a headless Service of this name, gives the Pod the DNS name <hostname>.<subdomain>.<namespace>.svc.',
      affinity: 'Rules that attract the Pod to nodes, or to or away from other Pods, when it is scheduled.',
      tolerations:
        "Taints this Pod tolerates. A node's taints keep away every Pod that does not tolerate them; a " +
        'toleration lets the Pod be scheduled (or keep running) there.',
      schedulerName: 'Which scheduler places the Pod. Defaults to "default-scheduler".',
      priorityClassName: 'The PriorityClass of the Pod, which sets its scheduling priority.',
      priority: 'The numeric priority, filled in from priorityClassName by the API server.',
      preemptionPolicy: 'Whether the Pod may evict lower-priority Pods to make room: PreemptLowerPriority or Never.',
      securityContext: 'Security settings for the whole Pod, such as the user ID and group the containers run as.',
      imagePullSecrets: 'Secrets with registry credentials, used to pull private images.',
      topologySpreadConstraints:
        'Rules for spreading the Pods of a group evenly across zones, nodes or other topology domains.',
      readinessGates: 'Extra conditions that must be True, besides ready containers, for the Pod to count as ready.',
      runtimeClassName: 'The RuntimeClass that selects the container runtime configuration.',
      enableServiceLinks: 'Whether environment variables about the Services of the namespace are injected.',
      shareProcessNamespace: 'Run all containers of the Pod in one process namespace, so they see each other.',
      overhead: "Resources the Pod's sandbox uses on top of its containers, set from the RuntimeClass.",
      os: 'The operating system the containers need: linux or windows.',
      schedulingGates: 'While any gate is listed, the scheduler leaves the Pod unscheduled.',
      resources: 'Resource requests and limits for the Pod as a whole, shared by its containers.',
    },
  },
  [`${CORE}.PodStatus`]: {
    description: 'The observed state of a Pod, reported by its kubelet.',
    fields: {
      phase:
        'Where the Pod is in its life: Pending (accepted, not all containers running yet), Running, Succeeded ' +
        '(all containers exited with success), Failed, or Unknown.',
      conditions:
        'Milestones the Pod has passed: PodScheduled, Initialized, ContainersReady and Ready. A Pod receives ' +
        'Service traffic only while Ready is True.',
      message: 'A human-readable note about why the Pod is in this state.',
      reason: 'A short CamelCase reason for the state, such as "Evicted".',
      hostIP: 'The IP address of the node the Pod is on.',
      hostIPs: 'The IP addresses of the node the Pod is on.',
      podIP: 'The IP address of the Pod in the cluster network. Every container of the Pod shares it.',
      podIPs: 'The IP addresses of the Pod, one per IP family.',
      startTime: 'When the kubelet accepted the Pod, before pulling any image.',
      containerStatuses: 'The state of each main container: waiting, running or terminated, readiness and restarts.',
      initContainerStatuses: 'The state of each init container.',
      ephemeralContainerStatuses: 'The state of each ephemeral container.',
      qosClass:
        'The quality-of-service class derived from the resources: Guaranteed, Burstable or BestEffort. It decides ' +
        'which Pods are evicted first when a node runs short.',
      nominatedNodeName: 'The node this Pod preempted other Pods on and is expected to run on.',
    },
  },
  [`${CORE}.PodCondition`]: {
    description: 'One milestone of a Pod, such as Ready, and whether it has been reached.',
    fields: {
      type: 'PodScheduled, Initialized, ContainersReady, Ready, or a readiness gate.',
      status: '"True", "False" or "Unknown".',
      reason: 'A short CamelCase reason for the last change of status.',
      message: 'A human-readable explanation of the last change.',
      lastProbeTime: 'When the condition was last checked.',
      lastTransitionTime: 'When status last changed.',
    },
  },
  [`${CORE}.Toleration`]: {
    description: 'Lets a Pod onto nodes with a matching taint.',
    fields: {
      key: 'The taint key it matches. Empty with operator Exists matches every taint.',
      operator: 'Equal (the taint value must equal value) or Exists (any value). Defaults to Equal.',
      value: 'The taint value to match, for operator Equal.',
      effect: 'The taint effect it matches: NoSchedule, PreferNoSchedule or NoExecute. Empty matches all effects.',
      tolerationSeconds:
        'For NoExecute taints: how long the Pod may keep running on the node after the taint appears. Unset means ' +
        'for ever.',
    },
  },
  [`${CORE}.Affinity`]: {
    description: 'Scheduling rules about nodes and about other Pods.',
    fields: {
      nodeAffinity: 'Which nodes the Pod must or would like to run on, by node labels.',
      podAffinity: 'Place the Pod near Pods with certain labels, e.g. in the same zone as its cache.',
      podAntiAffinity: 'Keep the Pod away from Pods with certain labels, e.g. one replica per node.',
    },
  },
  [`${CORE}.NodeAffinity`]: {
    description: 'Node selection rules, more expressive than nodeSelector.',
    fields: {
      requiredDuringSchedulingIgnoredDuringExecution:
        'Rules a node must satisfy for the Pod to be scheduled there. Checked only when scheduling.',
      preferredDuringSchedulingIgnoredDuringExecution:
        'Rules the scheduler tries to satisfy, each with a weight; nodes that match more weight score higher.',
    },
  },
  [`${CORE}.NodeSelector`]: {
    description: 'A set of node selector terms; a node matches when any term matches.',
    fields: { nodeSelectorTerms: 'The terms, combined with OR.' },
  },
  [`${CORE}.NodeSelectorTerm`]: {
    description: "Conditions on a node's labels or fields, combined with AND.",
    fields: {
      matchExpressions: 'Conditions on node labels.',
      matchFields: 'Conditions on node fields (only metadata.name is supported).',
    },
  },
  [`${CORE}.NodeSelectorRequirement`]: {
    description: 'One condition on a node label.',
    fields: {
      key: 'The label key.',
      operator: 'In, NotIn, Exists, DoesNotExist, Gt or Lt.',
      values: 'The values to compare with; one integer for Gt and Lt, none for Exists and DoesNotExist.',
    },
  },
  [`${CORE}.PreferredSchedulingTerm`]: {
    description: 'A node preference with a weight.',
    fields: { weight: 'How much matching this term counts, from 1 to 100.', preference: 'The node selector term.' },
  },
  [`${CORE}.PodAffinity`]: {
    description: 'Rules that attract a Pod to the topology domains (nodes, zones…) of other Pods.',
    fields: {
      requiredDuringSchedulingIgnoredDuringExecution: 'Terms every chosen node must satisfy.',
      preferredDuringSchedulingIgnoredDuringExecution: 'Terms the scheduler prefers, each with a weight.',
    },
  },
  [`${CORE}.PodAntiAffinity`]: {
    description: 'Rules that keep a Pod out of the topology domains (nodes, zones…) of other Pods.',
    fields: {
      requiredDuringSchedulingIgnoredDuringExecution: 'Terms no chosen node may violate.',
      preferredDuringSchedulingIgnoredDuringExecution: 'Terms the scheduler tries to respect, each with a weight.',
    },
  },
  [`${CORE}.PodAffinityTerm`]: {
    description: 'Which Pods to be near (or away from), and what "near" means.',
    fields: {
      labelSelector: 'Selects the other Pods by their labels.',
      namespaces: "The namespaces to look for those Pods in; defaults to the Pod's own namespace.",
      namespaceSelector: 'Selects the namespaces to look in by their labels.',
      topologyKey:
        'The node label that defines a domain: kubernetes.io/hostname means the same node, ' +
        'topology.kubernetes.io/zone the same zone.',
    },
  },
  [`${CORE}.WeightedPodAffinityTerm`]: {
    description: 'A Pod affinity term with a weight.',
    fields: { weight: 'How much matching this term counts, from 1 to 100.', podAffinityTerm: 'The term.' },
  },
  [`${CORE}.TopologySpreadConstraint`]: {
    description: 'Keeps matching Pods evenly spread over the domains of a topology key.',
    fields: {
      maxSkew: 'The largest allowed difference in matching Pods between two domains.',
      topologyKey: 'The node label that defines the domains, such as topology.kubernetes.io/zone.',
      whenUnsatisfiable: 'DoNotSchedule (a hard rule) or ScheduleAnyway (a preference).',
      labelSelector: 'Which Pods are counted.',
    },
  },
  [`${CORE}.PodSecurityContext`]: {
    description: 'Security settings applied to every container of the Pod.',
    fields: {
      runAsUser: 'The user ID the container processes run as.',
      runAsGroup: 'The primary group ID the container processes run as.',
      runAsNonRoot: 'When true, the kubelet refuses to start a container that would run as root (user 0).',
      fsGroup: "A group that owns the Pod's volumes and that every container process belongs to.",
      supplementalGroups: 'Extra group IDs every container process belongs to.',
    },
  },
  [`${CORE}.LocalObjectReference`]: {
    description: 'The name of another object in the same namespace.',
    fields: { name: 'The name of the object.' },
  },
  [`${CORE}.ObjectReference`]: {
    description: 'Points at another object, by kind, namespace and name (and optionally uid).',
    fields: {
      kind: 'The kind of the object.',
      namespace: 'The namespace of the object.',
      name: 'The name of the object.',
      uid: 'The uid of the object.',
      apiVersion: 'The API version of the object.',
      resourceVersion: 'The resourceVersion of the object the reference was made from.',
      fieldPath: 'A field inside the object, such as the container an event is about.',
    },
  },
};
