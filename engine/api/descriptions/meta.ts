// Our descriptions of the apimachinery meta types every object carries: TypeMeta, ObjectMeta, owner references,
// label selectors, list metadata, managed fields and conditions.

import { API_VERSION_DESCRIPTION, KIND_DESCRIPTION } from './common-fields.ts';
import type { DescriptionTable } from './definition-descriptions.ts';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

export const META_DESCRIPTIONS: DescriptionTable = {
  [`${META}.TypeMeta`]: {
    description: 'The two fields that say what type an object is: apiVersion and kind.',
    fields: { apiVersion: API_VERSION_DESCRIPTION, kind: KIND_DESCRIPTION },
  },
  [`${META}.ObjectMeta`]: {
    description:
      'Metadata every stored object has: its name and namespace, labels and annotations, owners, and fields the ' +
      'API server maintains for it.',
    fields: {
      name:
        'The name of the object, unique among objects of the same kind in its namespace. Usually lowercase ' +
        'letters, digits and "-". It cannot be changed after creation.',
      generateName:
        'A prefix from which the API server makes a unique name when name is empty: "web-" becomes something like ' +
        '"web-x7k2p". Controllers use it to name the Pods they create.',
      namespace:
        'The namespace the object lives in. Empty for cluster-scoped kinds such as Node or Namespace; namespaced ' +
        'objects created without one go into the namespace of the request ("default" unless you say otherwise).',
      uid:
        'A unique ID the API server gives the object when it is created. A new object with the same name gets a ' +
        'new uid, so owners and events refer to objects by uid. Read-only.',
      resourceVersion:
        'An opaque version string that changes every time the object is written. Send it back on updates and the ' +
        'API server rejects the write with a conflict if someone else changed the object in between. Read-only.',
      generation:
        'A number the API server increases every time the desired state (usually the spec) changes. Controllers ' +
        'report the generation they have acted on in status.observedGeneration. Read-only.',
      creationTimestamp: 'When the object was created, set by the API server. Read-only.',
      deletionTimestamp:
        'Set by the API server when deletion has been requested but the object still has finalizers or a grace ' +
        'period to wait out. The object disappears once both are done. Read-only.',
      deletionGracePeriodSeconds:
        'How many seconds the object has left to shut down gracefully after deletion was requested. Read-only.',
      labels:
        'Key-value pairs that identify the object, like app=web or tier=frontend. Label selectors pick objects by ' +
        'their labels: Services find their Pods and Deployments find their ReplicaSets this way.',
      annotations:
        'Key-value pairs for any extra information tools want to store on the object, such as a change cause or ' +
        'the last applied configuration. Unlike labels, annotations cannot be used to select objects.',
      ownerReferences:
        'The objects this object belongs to, such as the ReplicaSet that created a Pod. When every owner is ' +
        'deleted, the garbage collector deletes this object too.',
      finalizers:
        'Names of clean-up tasks that must finish before the object is removed. While any remain, deleting only ' +
        'sets deletionTimestamp; each controller removes its finalizer when its work is done.',
      managedFields:
        'Which field manager (kubectl, a controller…) owns which fields of the object, with the time and ' +
        'operation of its last change. Used by server-side apply to detect conflicts.',
      selfLink: 'A legacy field, no longer set by the API server.',
    },
  },
  [`${META}.OwnerReference`]: {
    description: 'Names an object that owns this one. The owner must be in the same namespace, or cluster-scoped.',
    fields: {
      apiVersion: 'The API version of the owner, such as "apps/v1".',
      kind: 'The kind of the owner, such as "ReplicaSet".',
      name: 'The name of the owner.',
      uid: 'The uid of the owner: the reference holds only for that exact object.',
      controller: 'True for the one owner that manages this object, such as the ReplicaSet of a Pod.',
      blockOwnerDeletion:
        'When true and the owner is deleted with foreground propagation, the owner stays until this object is gone.',
    },
  },
  [`${META}.LabelSelector`]: {
    description:
      'Selects objects by their labels. Both parts must match; an empty selector matches every object, a null ' +
      'one matches none.',
    fields: {
      matchLabels: 'Labels the object must have, with exactly these values: app=web and tier=frontend.',
      matchExpressions:
        'Additional conditions on labels, such as "env in (prod, staging)" or "the label canary does not exist".',
    },
  },
  [`${META}.LabelSelectorRequirement`]: {
    description: 'One condition on a label: a key, an operator, and for In and NotIn a set of values.',
    fields: {
      key: 'The label key the condition is about.',
      operator: 'In, NotIn, Exists or DoesNotExist.',
      values: 'The values for In and NotIn. Must be empty for Exists and DoesNotExist.',
    },
  },
  [`${META}.ListMeta`]: {
    description: 'Metadata of a list response.',
    fields: {
      resourceVersion:
        'The version of the data the list was read at. Start a watch from it to see every change that follows.',
      continue: 'Set when the list was cut short by a limit: send it as the continue parameter to get the next page.',
      remainingItemCount: 'How many more items the following pages hold, when the server can tell.',
      selfLink: 'A legacy field, no longer set by the API server.',
    },
  },
  [`${META}.ManagedFieldsEntry`]: {
    description: 'The set of fields one field manager owns, and how it last changed them.',
    fields: {
      manager: 'The name of the field manager, such as "kubectl-client-side-apply" or "kube-controller-manager".',
      operation: '"Apply" for server-side apply, "Update" for every other kind of write.',
      apiVersion: 'The API version the fields are expressed in.',
      time: 'When the manager last changed these fields.',
      fieldsType: 'The format of fieldsV1; always "FieldsV1".',
      fieldsV1: 'The owned fields, as a tree of f:<field>, k:<key> and v:<value> entries.',
      subresource: 'The sub-resource the writes went through, such as "status", or empty for the main resource.',
    },
  },
  [`${META}.Condition`]: {
    description:
      'One aspect of an object\'s state, such as "Ready" or "Available", with whether it holds and why. ' +
      'Controllers keep conditions in status.conditions.',
    fields: {
      type: 'What the condition is about, in CamelCase, such as "Ready".',
      status: '"True", "False" or "Unknown".',
      reason: 'A short CamelCase reason for the last change of status.',
      message: 'A human-readable explanation of the last change.',
      lastTransitionTime: 'When status last changed.',
      observedGeneration: 'The metadata.generation the condition was computed from.',
    },
  },
};
