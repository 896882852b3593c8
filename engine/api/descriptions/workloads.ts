// Our descriptions of the workload controllers of the apps group: Deployment, ReplicaSet, StatefulSet, DaemonSet.

import type { DescriptionTable } from './definition-descriptions.ts';

const APPS = 'io.k8s.api.apps.v1';

const SELECTOR =
  'Which Pods this object manages, by label. It must match the labels of the Pod template and cannot be changed ' +
  'after creation.';
const TEMPLATE = 'The Pod template: every Pod this object creates is made from it.';
const MIN_READY =
  'How many seconds a new Pod must stay ready, with no container crashing, before it counts as available. ' +
  'Defaults to 0.';
const REVISION_HISTORY = 'How many old revisions to keep for rolling back. Defaults to 10.';
const OBSERVED_GENERATION =
  'The metadata.generation the controller last acted on. When it is lower than metadata.generation, the ' +
  'controller has not yet seen the latest change.';
const MAX_UNAVAILABLE_DAEMON =
  'How many nodes may be without a ready Pod during the update, as a number or percentage.';

export const WORKLOAD_DESCRIPTIONS: DescriptionTable = {
  [`${APPS}.Deployment`]: {
    fields: {
      spec: 'The desired state: how many replicas of which Pod template, and how to roll out changes.',
      status: 'The observed state of the rollout, reported by the Deployment controller.',
    },
  },
  [`${APPS}.DeploymentSpec`]: {
    description: 'The desired state of a Deployment.',
    fields: {
      replicas: 'How many Pods should run. Defaults to 1; 0 stops them all but keeps the Deployment.',
      selector: SELECTOR,
      template: TEMPLATE,
      strategy:
        'How Pods are replaced when the template changes: gradually (RollingUpdate, the default) or all at once ' +
        '(Recreate).',
      minReadySeconds: MIN_READY,
      revisionHistoryLimit:
        'How many old ReplicaSets to keep so you can roll back with kubectl rollout undo. Defaults to 10.',
      paused: 'While true, changes to the template are recorded but not rolled out (kubectl rollout pause/resume).',
      progressDeadlineSeconds:
        'How long a rollout may make no progress before the Deployment reports it as failed ' +
        '(condition Progressing=False, reason ProgressDeadlineExceeded). Defaults to 600.',
    },
  },
  [`${APPS}.DeploymentStrategy`]: {
    description: 'How a Deployment replaces old Pods with new ones when the Pod template changes.',
    fields: {
      type:
        'RollingUpdate (the default): scale a new ReplicaSet up while the old one scales down, within the limits of ' +
        'rollingUpdate, so the application keeps serving. Recreate: delete all old Pods first, then create the ' +
        'new ones; there is downtime, but two versions never run at once.',
      rollingUpdate: 'Limits for a RollingUpdate: how far above and below the wanted replica count a rollout may go.',
    },
  },
  [`${APPS}.RollingUpdateDeployment`]: {
    description: 'How fast a rolling update of a Deployment may go.',
    fields: {
      maxSurge:
        'How many Pods may exist above the wanted replica count during the update, as a number or a percentage ' +
        '(rounded up). Defaults to 25%. Higher values roll out faster but need spare capacity.',
      maxUnavailable:
        'How many of the wanted Pods may be unavailable during the update, as a number or a percentage (rounded ' +
        'down). Defaults to 25%. Cannot be 0 when maxSurge is 0.',
    },
  },
  [`${APPS}.DeploymentStatus`]: {
    description: 'The observed state of a Deployment.',
    fields: {
      replicas: "How many Pods the Deployment's ReplicaSets have, old and new.",
      updatedReplicas: 'How many Pods run the current template.',
      readyReplicas: 'How many Pods are ready.',
      availableReplicas: 'How many Pods have been ready for at least minReadySeconds.',
      unavailableReplicas: 'How many more Pods must become available to reach the wanted count.',
      observedGeneration: OBSERVED_GENERATION,
      conditions: 'Available (enough Pods are available) and Progressing (the rollout is moving or done).',
      collisionCount: 'Counts hash collisions when naming new ReplicaSets; used to make names unique.',
    },
  },
  [`${APPS}.DeploymentCondition`]: {
    description: "One aspect of a Deployment's state.",
    fields: {
      type: 'Available, Progressing or ReplicaFailure.',
      status: '"True", "False" or "Unknown".',
      reason: 'A short CamelCase reason, such as NewReplicaSetAvailable or ProgressDeadlineExceeded.',
      message: 'A human-readable explanation.',
      lastUpdateTime: 'When the condition was last updated.',
      lastTransitionTime: 'When status last changed.',
    },
  },
  [`${APPS}.ReplicaSet`]: {
    fields: {
      spec: 'How many Pods of which template should run.',
      status: 'How many Pods there are, ready and available.',
    },
  },
  [`${APPS}.ReplicaSetSpec`]: {
    description: 'The desired state of a ReplicaSet.',
    fields: {
      replicas: 'How many Pods should run. Defaults to 1.',
      selector: SELECTOR,
      template: 'The template of the Pods created when there are too few.',
      minReadySeconds: MIN_READY,
    },
  },
  [`${APPS}.ReplicaSetStatus`]: {
    description: 'The observed state of a ReplicaSet.',
    fields: {
      replicas: 'How many Pods it has.',
      fullyLabeledReplicas: 'How many Pods have all the labels of the template.',
      readyReplicas: 'How many Pods are ready.',
      availableReplicas: 'How many Pods have been ready for at least minReadySeconds.',
      observedGeneration: OBSERVED_GENERATION,
      conditions: 'Problems the controller ran into, such as failing to create Pods.',
    },
  },
  [`${APPS}.StatefulSet`]: {
    fields: {
      spec: 'The desired state: replicas, template, volume claim templates and update strategy.',
      status: 'The observed state, reported by the StatefulSet controller.',
    },
  },
  [`${APPS}.StatefulSetSpec`]: {
    description: 'The desired state of a StatefulSet.',
    fields: {
      replicas: 'How many Pods should run, named <name>-0 to <name>-(replicas-1). Defaults to 1.',
      selector: SELECTOR,
      template: TEMPLATE,
      serviceName: 'The headless Service that gives each Pod a stable DNS name, <pod>.<serviceName>.<namespace>.svc.',
      volumeClaimTemplates:
        'PersistentVolumeClaims made for each Pod (named <template>-<pod>) and kept when the Pod is replaced, so ' +
        'each replica keeps its own data.',
      podManagementPolicy:
        'OrderedReady (the default: create Pods one at a time in order, each after the previous is ready) or ' +
        'Parallel.',
      updateStrategy: 'How Pods are replaced when the template changes: RollingUpdate (the default) or OnDelete.',
      revisionHistoryLimit: REVISION_HISTORY,
      minReadySeconds: MIN_READY,
      persistentVolumeClaimRetentionPolicy:
        'Whether the claims are deleted when the StatefulSet is deleted or scaled down.',
      ordinals: 'The number the first Pod is given. Defaults to 0.',
    },
  },
  [`${APPS}.StatefulSetUpdateStrategy`]: {
    description: 'How a StatefulSet updates its Pods.',
    fields: {
      type:
        'RollingUpdate: replace Pods one at a time, from the highest ordinal down. OnDelete: replace a Pod only ' +
        'when you delete it.',
      rollingUpdate: 'Settings of a RollingUpdate.',
    },
  },
  [`${APPS}.RollingUpdateStatefulSetStrategy`]: {
    description: 'Settings of a StatefulSet rolling update.',
    fields: {
      partition: 'Only Pods with an ordinal at or above this number are updated: a way to stage a rollout.',
      maxUnavailable: 'How many Pods may be unavailable during the update.',
    },
  },
  [`${APPS}.StatefulSetStatus`]: {
    description: 'The observed state of a StatefulSet.',
    fields: {
      replicas: 'How many Pods it has.',
      readyReplicas: 'How many Pods are ready.',
      currentReplicas: 'How many Pods run the currentRevision.',
      updatedReplicas: 'How many Pods run the updateRevision.',
      availableReplicas: 'How many Pods have been ready for at least minReadySeconds.',
      currentRevision: 'The revision of the Pods before the update.',
      updateRevision: 'The revision being rolled out.',
      observedGeneration: OBSERVED_GENERATION,
    },
  },
  [`${APPS}.DaemonSet`]: {
    fields: {
      spec: 'The desired state: the Pod template and how to update it.',
      status: 'On how many nodes the Pod is scheduled, ready and up to date.',
    },
  },
  [`${APPS}.DaemonSetSpec`]: {
    description: 'The desired state of a DaemonSet.',
    fields: {
      selector: SELECTOR,
      template: 'The Pod to run on each node. Its nodeSelector, affinity and tolerations decide which nodes get one.',
      updateStrategy: 'How Pods are replaced when the template changes: RollingUpdate (the default) or OnDelete.',
      minReadySeconds: MIN_READY,
      revisionHistoryLimit: REVISION_HISTORY,
    },
  },
  [`${APPS}.DaemonSetUpdateStrategy`]: {
    description: 'How a DaemonSet updates its Pods.',
    fields: {
      type: 'RollingUpdate: replace Pods node by node. OnDelete: replace a Pod only when you delete it.',
      rollingUpdate: 'Settings of a RollingUpdate.',
    },
  },
  [`${APPS}.RollingUpdateDaemonSet`]: {
    description: 'How fast a DaemonSet rolling update may go.',
    fields: {
      maxUnavailable: `${MAX_UNAVAILABLE_DAEMON} Defaults to 1.`,
      maxSurge: 'How many nodes may run an old and a new Pod at the same time during the update. Defaults to 0.',
    },
  },
  [`${APPS}.DaemonSetStatus`]: {
    description: 'The observed state of a DaemonSet.',
    fields: {
      desiredNumberScheduled: 'On how many nodes the Pod should run.',
      currentNumberScheduled: 'On how many nodes the Pod runs and should.',
      numberMisscheduled: 'On how many nodes the Pod runs but should not.',
      numberReady: 'On how many nodes the Pod is ready.',
      numberAvailable: 'On how many nodes the Pod has been ready for at least minReadySeconds.',
      numberUnavailable: 'On how many nodes the Pod should be available but is not.',
      updatedNumberScheduled: 'On how many nodes the Pod runs the current template.',
      observedGeneration: OBSERVED_GENERATION,
    },
  },
};
