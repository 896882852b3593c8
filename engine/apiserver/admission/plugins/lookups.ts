// What admission plugins read besides the object under admission: small lookup functions over the cluster's
// stores (upstream plugins use informer listers), wired by the composition root and easy to fake in tests.

import type { KubeObject } from '../../../api/object.ts';

/** A cluster-scoped object by name, or undefined when there is none. */
export type GetObject = (name: string) => Promise<KubeObject | undefined>;

/** A namespaced object by namespace and name, or undefined when there is none. */
export type GetNamespacedObject = (namespace: string, name: string) => Promise<KubeObject | undefined>;

/** Every object of a cluster-scoped kind. */
export type ListObjects = () => Promise<KubeObject[]>;

/** Every object of a namespaced kind in one namespace. */
export type ListNamespacedObjects = (namespace: string) => Promise<KubeObject[]>;
