// Facts about the Go API types (k8s.io/api, apimachinery, apiextensions-apiserver, kube-aggregator at v0.32.0) that
// the swagger-derived schema table does not carry, but that decide what managedFields look like upstream:
// - which optional fields Go always serializes: non-pointer structs (`strategy: {}`, `resources: {}`) and
//   non-pointer Time / Quantity / IntOrString (`creationTimestamp: null`). Required (non-omitempty) fields and the
//   `metadata`, `spec` and `status` structs are derived from the table itself (see type-node.ts);
// - the OpenAPI defaults of list-map keys (`+default="TCP"`), used when an item omits its key.

/** Per definition, the optional properties whose Go field is not a pointer, so a zero object still has them. */
export const NON_POINTER_OPTIONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'io.k8s.api.apps.v1.DaemonSetCondition': ['lastTransitionTime'],
  'io.k8s.api.apps.v1.DaemonSetSpec': ['updateStrategy'],
  'io.k8s.api.apps.v1.DeploymentCondition': ['lastUpdateTime', 'lastTransitionTime'],
  'io.k8s.api.apps.v1.DeploymentSpec': ['strategy'],
  'io.k8s.api.apps.v1.ReplicaSetCondition': ['lastTransitionTime'],
  'io.k8s.api.apps.v1.ReplicaSetSpec': ['template'],
  'io.k8s.api.apps.v1.StatefulSetCondition': ['lastTransitionTime'],
  'io.k8s.api.apps.v1.StatefulSetSpec': ['updateStrategy'],
  'io.k8s.api.authentication.v1.SelfSubjectReviewStatus': ['userInfo'],
  'io.k8s.api.authentication.v1.TokenReviewStatus': ['user'],
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerCondition': ['lastTransitionTime'],
  'io.k8s.api.batch.v1.JobCondition': ['lastProbeTime', 'lastTransitionTime'],
  'io.k8s.api.certificates.v1.CertificateSigningRequestCondition': ['lastUpdateTime', 'lastTransitionTime'],
  'io.k8s.api.core.v1.Container': ['resources'],
  'io.k8s.api.core.v1.ContainerStateRunning': ['startedAt'],
  'io.k8s.api.core.v1.ContainerStateTerminated': ['startedAt', 'finishedAt'],
  'io.k8s.api.core.v1.ContainerStatus': ['state', 'lastState'],
  'io.k8s.api.core.v1.EphemeralContainer': ['resources'],
  'io.k8s.api.core.v1.Event': ['source', 'firstTimestamp', 'lastTimestamp', 'eventTime'],
  'io.k8s.api.core.v1.EventSeries': ['lastObservedTime'],
  'io.k8s.api.core.v1.NamespaceCondition': ['lastTransitionTime'],
  'io.k8s.api.core.v1.NodeCondition': ['lastHeartbeatTime', 'lastTransitionTime'],
  'io.k8s.api.core.v1.NodeDaemonEndpoints': ['kubeletEndpoint'],
  'io.k8s.api.core.v1.NodeStatus': ['daemonEndpoints', 'nodeInfo'],
  'io.k8s.api.core.v1.PersistentVolumeClaimCondition': ['lastProbeTime', 'lastTransitionTime'],
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': ['resources'],
  'io.k8s.api.core.v1.PodCondition': ['lastProbeTime', 'lastTransitionTime'],
  'io.k8s.api.core.v1.PodTemplate': ['template'],
  'io.k8s.api.core.v1.ReplicationControllerCondition': ['lastTransitionTime'],
  'io.k8s.api.core.v1.ResourceFieldSelector': ['divisor'],
  'io.k8s.api.core.v1.ServicePort': ['targetPort'],
  'io.k8s.api.core.v1.ServiceStatus': ['loadBalancer'],
  'io.k8s.api.discovery.v1.Endpoint': ['conditions'],
  'io.k8s.api.events.v1.Event': [
    'regarding',
    'deprecatedSource',
    'deprecatedFirstTimestamp',
    'deprecatedLastTimestamp',
  ],
  'io.k8s.api.flowcontrol.v1.FlowSchemaCondition': ['lastTransitionTime'],
  'io.k8s.api.flowcontrol.v1.LimitedPriorityLevelConfiguration': ['limitResponse'],
  'io.k8s.api.flowcontrol.v1.PriorityLevelConfigurationCondition': ['lastTransitionTime'],
  'io.k8s.api.networking.v1.IngressServiceBackend': ['port'],
  'io.k8s.api.networking.v1.IngressStatus': ['loadBalancer'],
  'io.k8s.api.storage.v1.VolumeError': ['time'],
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionCondition': ['lastTransitionTime'],
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': ['creationTimestamp'],
  'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIServiceCondition': ['lastTransitionTime'],
};

/** Per list item definition, the defaults of list-map keys that an item may leave out. */
export const LIST_KEY_DEFAULTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'io.k8s.api.core.v1.ContainerPort': { protocol: 'TCP' },
  'io.k8s.api.core.v1.LocalObjectReference': { name: '' },
  'io.k8s.api.core.v1.ServicePort': { protocol: 'TCP' },
};
