import { describe, expect, it } from 'vitest';
import { builtinSchemas } from '/work/main/engine/api/schemas.ts';
import { AdmissionChain } from '/work/main/engine/apiserver/admission/admission.ts';
import { RegistryStore } from '/work/main/engine/apiserver/registry/generic/registry-store.ts';
import { wholeObject } from '/work/main/engine/apiserver/registry/generic/updated-object.ts';
import { Cacher } from '/work/main/engine/apiserver/storage/cacher.ts';
import { resourcePrefix } from '/work/main/engine/apiserver/storage/keys.ts';
import { ObjectStorage } from '/work/main/engine/apiserver/storage/object-storage.ts';
import { VirtualClock } from '/work/main/engine/lab/clock.ts';
import { openStore } from '/work/main/engine/store/open-store.ts';
import { apiextensionsResources } from '/work/main/engine/apiserver/registry/apiextensions/index.ts';
import { policyResources } from '/work/main/engine/apiserver/registry/policy/index.ts';
import { rbacResources } from '/work/main/engine/apiserver/registry/rbac/index.ts';
import { networkingResources } from '/work/main/engine/apiserver/registry/networking/index.ts';

describe('smoke', () => {
  it('runs definitions through the registry store', async () => {
    const clock = new VirtualClock();
    const kv = await openStore({ kind: 'embedded' }, clock);
    const storage = new ObjectStorage(kv);
    const admission = new AdmissionChain([]);
    const mk = async (definition: any) => {
      const cacher = new Cacher(kv, resourcePrefix(definition.storagePrefix ?? definition.resource));
      await cacher.start();
      return new RegistryStore({ definition, storage, cacher, clock, admission, schemas: builtinSchemas });
    };
    const scope = (ns: string) => ({ user: { username: 'admin', groups: ['system:masters'] }, namespace: ns, dryRun: false, fieldManager: 'kubectl', warnings: [] as string[] });
    const crds = await mk(apiextensionsResources[0]);
    const crd = await crds.create({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'crontabs.stable.example.com' }, spec: { group: 'stable.example.com', scope: 'Namespaced', names: { plural: 'crontabs', kind: 'CronTab' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { replicas: { type: 'integer' } } } } } } }] } } as any, scope(''));
    console.log(JSON.stringify(crd, null, 1).slice(0, 1500));
    await expect(crds.create({ metadata: { name: 'bad.example.com' }, spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'foos', kind: 'Foo' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { properties: { x: {} } } } } } }] } } as any, scope(''))).rejects.toThrow(/spec.validation.openAPIV3Schema/);
    try { await crds.create({ metadata: { name: 'bad.example.com' }, spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'foos', kind: 'Foo' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { properties: { x: {} } } } } } }] } } as any, scope('')); } catch (e) { console.log(String((e as Error).message)); }
    const pdbs = await mk(policyResources[0]);
    const pdb = await pdbs.create({ metadata: { name: 'web', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } } as any, scope('default'));
    console.log(JSON.stringify(pdb));
    const upd = await pdbs.update('default', 'web', wholeObject({ ...pdb, spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } } } as any), scope('default'));
    console.log('gen', upd.object.metadata.generation, JSON.stringify(upd.object.status));
    const roles = await mk(rbacResources.find((d) => d.resource === 'rolebindings'));
    try { await roles.create({ metadata: { name: 'rb', namespace: 'default' }, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'Robot', name: 'x' }] } as any, scope('default')); } catch (e) { console.log(String((e as Error).message)); }
    const ing = await mk(networkingResources.find((d) => d.resource === 'ingresses'));
    try { await ing.create({ metadata: { name: 'i', namespace: 'default' }, spec: {} } as any, scope('default')); } catch (e) { console.log(String((e as Error).message)); }
    await kv.close();
    clock.dispose();
  });
});
