// The slice of the Reflect metadata API (the "reflect-metadata" proposal) that tsyringe, a dependency of
// @peculiar/x509, checks for when it loads and uses for its decorators: defineMetadata, getOwnMetadata and
// getMetadata. Installed on the global Reflect only when no polyfill is present; ./x509.ts loads it first.

type MetadataKey = unknown;
type PropertyKey = string | symbol | undefined;

const store = new WeakMap<object, Map<PropertyKey, Map<MetadataKey, unknown>>>();

function ownMap(target: object, property: PropertyKey, create: boolean): Map<MetadataKey, unknown> | undefined {
  let byProperty = store.get(target);
  if (!byProperty && create) store.set(target, (byProperty = new Map()));
  let metadata = byProperty?.get(property);
  if (!metadata && create && byProperty) byProperty.set(property, (metadata = new Map()));
  return metadata;
}

const metadataApi = {
  defineMetadata(key: MetadataKey, value: unknown, target: object, property?: PropertyKey): void {
    ownMap(target, property, true)?.set(key, value);
  },
  getOwnMetadata(key: MetadataKey, target: object, property?: PropertyKey): unknown {
    return ownMap(target, property, false)?.get(key);
  },
  getMetadata(key: MetadataKey, target: object, property?: PropertyKey): unknown {
    for (let t: object | null = target; t !== null; t = Object.getPrototypeOf(t) as object | null) {
      const metadata = ownMap(t, property, false);
      if (metadata?.has(key)) return metadata.get(key);
    }
    return undefined;
  },
};

if (!('getMetadata' in Reflect)) Object.assign(Reflect, metadataApi);
