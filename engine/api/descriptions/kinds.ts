// What each kind of the built-in API is, in our own words, per kind name; applied to every version of the kind.

export const KIND_DESCRIPTIONS: Record<string, string> = {
  // Workloads
  Pod:
    'The smallest thing Kubernetes runs: one or more containers that share a network address, storage volumes and ' +
    'a life cycle, scheduled together onto one node. You rarely create Pods directly; controllers such as ' +
    'Deployments, StatefulSets and Jobs create them for you.',
  PodTemplate: 'A stored Pod template that other objects can copy Pods from.',
  ReplicationController:
    'The original way to keep a fixed number of identical Pods running. Superseded by ReplicaSet, usually managed ' +
    'through a Deployment.',
  ReplicaSet:
    'Keeps a given number of identical Pods running: it creates Pods from its template when there are too few and ' +
    'deletes some when there are too many. Deployments create and manage ReplicaSets for you.',
  Deployment:
    'Runs a stateless application as a set of identical Pods and updates it declaratively: change the template and ' +
    'the Deployment rolls the change out through a new ReplicaSet, step by step, and can roll it back.',
  StatefulSet:
    'Runs Pods that each need a stable identity: a fixed name with an ordinal (web-0, web-1…), a stable network ' +
    'name through a headless Service, and their own PersistentVolumeClaims. Pods start, stop and update in order.',
  DaemonSet:
    'Runs one copy of a Pod on every node (or every node that matches a selector), for node agents such as log ' +
    'collectors, monitoring agents and network plugins. New nodes get a copy automatically.',
  ControllerRevision:
    'An immutable snapshot of a StatefulSet or DaemonSet template, kept so the controller can roll updates out and ' +
    'back.',
  Job: 'Runs Pods until a given number of them finish successfully, retrying failures: for batch work that ends.',
  CronJob: 'Creates a Job on a repeating schedule written in cron syntax, like "0 3 * * *" for every night at 03:00.',
  HorizontalPodAutoscaler:
    'Changes the number of replicas of a Deployment, StatefulSet or other scalable object automatically, to keep a ' +
    'metric such as average CPU use near a target.',
  Scale: 'The scale sub-resource of a scalable object: how many replicas are wanted, and how many there are.',
  PodDisruptionBudget:
    'Limits how many Pods of an application may be down at once because of voluntary disruptions such as node ' +
    'drains, so the application keeps enough replicas running.',
  Eviction:
    'A request to remove a Pod from its node politely: the API server checks PodDisruptionBudgets before deleting ' +
    'it. kubectl drain sends these.',
  Binding: 'Assigns a Pod to a node. The scheduler creates one for every Pod it places.',
  PriorityClass:
    'A named priority that Pods refer to with priorityClassName: higher-priority Pods are scheduled first and may ' +
    'preempt lower-priority ones when the cluster is full.',
  RuntimeClass: 'Selects a container runtime configuration (a handler on the node) for the Pods that name it.',
  PodSchedulingContext: 'Scheduling information exchanged between the scheduler and a resource driver for one Pod.',
  // Configuration
  ConfigMap:
    'Holds non-secret configuration as key-value pairs. Pods use it as environment variables, command arguments, or ' +
    'files in a volume, so the same image can run with different settings.',
  Secret:
    'Holds a small amount of sensitive data such as a password, a token or a TLS key. Values in data are ' +
    'base64-encoded; Pods use them as environment variables or files.',
  Namespace:
    'A named scope inside a cluster: most object names need only be unique within their namespace, and access ' +
    'rules and quotas are often set per namespace. Deleting a namespace deletes everything in it.',
  ServiceAccount:
    'An identity for processes that run in Pods. Pods authenticate to the API server as their service account, ' +
    'and RBAC bindings decide what that account may do.',
  ResourceQuota:
    'Caps the total resources a namespace may use: the number of objects of each kind and the sum of CPU and ' +
    'memory requests and limits.',
  LimitRange: 'Sets default, minimum and maximum resource requests and limits for containers in a namespace.',
  // Networking
  Service:
    'A stable name and virtual IP address in front of a changing set of Pods, chosen by a label selector. Traffic ' +
    'sent to the Service is spread over the ready Pods behind it.',
  Endpoints: 'The addresses of the ready Pods behind a Service, kept up to date by the control plane.',
  EndpointSlice:
    'A slice of the endpoints of a Service: the Pod addresses and ports it forwards to, with their readiness. ' +
    'Large Services are split over several slices.',
  Ingress:
    'Routes HTTP and HTTPS traffic from outside the cluster to Services, by host name and URL path. An ingress ' +
    'controller must be running to make the rules work.',
  IngressClass: 'Names an ingress controller implementation that Ingresses can select with ingressClassName.',
  NetworkPolicy:
    'Restricts which traffic may reach or leave the selected Pods. Once a Pod is selected by a policy, only the ' +
    'traffic the policies allow gets through in that direction.',
  IPAddress: 'An IP address allocated to a Service from a ServiceCIDR.',
  ServiceCIDR: 'A range of IP addresses that Service cluster IPs are allocated from.',
  // Nodes and cluster
  Node:
    'A machine (virtual or physical) that runs Pods. Its kubelet registers it, reports its status and capacity, ' +
    'and runs the containers of the Pods scheduled onto it.',
  Event:
    'A record of something that happened to an object, such as a Pod being scheduled or an image failing to pull. ' +
    'kubectl describe shows the events of an object.',
  Lease: 'A lightweight lock with a holder and an expiry, used for node heartbeats and leader election.',
  LeaseCandidate: 'A candidate for a coordinated leader election of a component.',
  ComponentStatus: 'The health of a control-plane component (deprecated).',
  // Storage
  PersistentVolume:
    'A piece of storage in the cluster, provisioned by an administrator or dynamically through a StorageClass. It ' +
    'lives independently of any Pod and is bound to one PersistentVolumeClaim at a time.',
  PersistentVolumeClaim:
    'A request for storage by a user: a size, access modes and optionally a StorageClass. Kubernetes binds it to a ' +
    'matching PersistentVolume (or provisions one), and Pods mount the claim as a volume.',
  StorageClass:
    'Describes a class of storage that can be provisioned on demand: which provisioner creates the volumes, with ' +
    'which parameters, and what happens to them when they are released.',
  VolumeAttachment: 'Records that a volume should be attached to (or detached from) a node by a CSI driver.',
  VolumeAttributesClass: 'A named set of mutable volume attributes, such as performance settings, for a CSI driver.',
  CSIDriver: 'Describes a CSI storage driver installed in the cluster and how Kubernetes should work with it.',
  CSINode: 'The CSI drivers installed on a node and what they report about it.',
  CSIStorageCapacity: 'How much storage a StorageClass can still provision in a given topology segment.',
  // Access control
  Role: 'A set of permissions (rules of verbs on resources) inside one namespace. A RoleBinding grants it.',
  ClusterRole:
    'A set of permissions that is not tied to a namespace: it can be granted cluster-wide with a ' +
    'ClusterRoleBinding, or inside a namespace with a RoleBinding.',
  RoleBinding:
    'Grants the permissions of a Role or ClusterRole to users, groups or service accounts, inside the namespace ' +
    'of the binding.',
  ClusterRoleBinding:
    'Grants the permissions of a ClusterRole to users, groups or service accounts in every namespace.',
  TokenRequest: 'Asks the API server to issue a short-lived token for a service account.',
  TokenReview: 'Asks the API server to check a bearer token and say who it belongs to.',
  SelfSubjectReview: 'Asks the API server who you are: your user name and groups, as it authenticated you.',
  SubjectAccessReview: 'Asks whether a given user may perform an action.',
  SelfSubjectAccessReview: 'Asks whether you may perform an action. kubectl auth can-i sends these.',
  LocalSubjectAccessReview: 'Asks whether a given user may perform an action in one namespace.',
  SelfSubjectRulesReview: 'Asks what actions you may perform in a namespace.',
  CertificateSigningRequest: 'A request to have a certificate signed by a signer of the cluster.',
  ClusterTrustBundle: 'A bundle of trusted CA certificates published cluster-wide.',
  // Extending the API
  CustomResourceDefinition:
    'Adds a new resource type to the API server, with its own group, names and schema. Once created, objects of ' +
    'the new kind can be used with kubectl like built-in ones.',
  APIService: 'Registers an API group-version served by another server behind the main API server.',
  MutatingWebhookConfiguration: 'Registers webhooks that may change objects before they are stored.',
  ValidatingWebhookConfiguration: 'Registers webhooks that may reject objects before they are stored.',
  ValidatingAdmissionPolicy: 'Validation rules written in CEL that the API server checks on requests.',
  ValidatingAdmissionPolicyBinding: 'Applies a ValidatingAdmissionPolicy to a set of resources.',
  FlowSchema: 'Classifies incoming API requests into priority levels for API priority and fairness.',
  PriorityLevelConfiguration: 'A priority level of API priority and fairness: how much concurrency its requests get.',
  StorageVersion: 'The storage version of an API resource as the API servers agree on it.',
  StorageVersionMigration: 'A request to rewrite all stored objects of a resource in the current storage version.',
  // Dynamic resource allocation
  DeviceClass: 'A class of devices (such as GPUs) that ResourceClaims can request.',
  ResourceClaim: 'A request for devices from a device class, for use by Pods.',
  ResourceClaimTemplate: 'A template from which a ResourceClaim is created for each Pod.',
  ResourceSlice: 'Devices of a node or pool, published by a resource driver.',
  // API machinery
  Status: 'The result of an API call that does not return an object, such as an error or a successful delete.',
  DeleteOptions: 'Options of a delete request, such as the grace period and how dependents are deleted.',
  WatchEvent: 'One event of a watch stream: ADDED, MODIFIED, DELETED or BOOKMARK, with the object concerned.',
  APIGroup: 'An API group and the versions it serves (legacy discovery).',
  APIGroupList: 'The API groups a server serves (legacy discovery).',
  APIResourceList: 'The resources of one group-version (legacy discovery).',
  APIVersions: 'The versions of the core API group (legacy discovery).',
};
