// Descriptions of the fields every kind shares (apiVersion, kind, metadata, and items in lists), in our own words.

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const LIST_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta';

export const API_VERSION_DESCRIPTION =
  'The API group and version this object is written in, such as "v1" for the core group or "apps/v1". ' +
  'Together with kind it tells the API server which schema to read the object with.';

export const KIND_DESCRIPTION =
  'The type of object, in CamelCase, such as "Pod" or "Deployment". The API server fills it in on responses; ' +
  'in files you write it tells kubectl what you are creating.';

/** Description of a common field of a kind, given the field's $ref and whether the kind is a List. */
export const COMMON_KIND_FIELDS: Record<string, (ref: string | undefined, isList: boolean) => string | undefined> = {
  apiVersion: () => API_VERSION_DESCRIPTION,
  kind: () => KIND_DESCRIPTION,
  metadata: (ref) =>
    ref === OBJECT_META
      ? 'Identity and bookkeeping of this object: its name, namespace, labels, annotations, owners, and the ' +
        'fields the API server maintains (uid, resourceVersion, creationTimestamp…).'
      : ref === LIST_META
        ? 'Information about the list itself: the resourceVersion it was read at, and a continue token when the ' +
          'list was returned in pages.'
        : undefined,
  items: (_ref, isList) => (isList ? 'The objects in this list.' : undefined),
};

/** The description of `<Kind>List`. */
export function listDescription(kind: string): string {
  return `A list of ${kind} objects, as returned when you list or watch them.`;
}
