import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import { Cluster } from '../../cluster/cluster.ts';
import { DESCRIPTION, DESCRIPTION_ANNOTATION, ROOT_CA_CONFIG_MAP_NAME } from './root-ca-cert-publisher.ts';

const CA_PEM = '-----BEGIN CERTIFICATE-----\nbGFi\n-----END CERTIFICATE-----\n';
const CONFIG_MAPS = { group: '', version: 'v1', resource: 'configmaps' };
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };
const SERVICE_ACCOUNTS = { group: '', version: 'v1', resource: 'serviceaccounts' };

/** Waits (in real time) until the check returns something; the test fails if it never does. */
async function eventually<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe('the root CA certificate publisher', () => {
  let cluster: Cluster;
  let client: InProcessClient;

  const rootCA = async (namespace: string): Promise<KubeObject | undefined> => {
    try {
      return await client.get(CONFIG_MAPS, namespace, ROOT_CA_CONFIG_MAP_NAME);
    } catch (error) {
      if (isStatusError(error, 'NotFound')) return undefined;
      throw error;
    }
  };
  const published = (namespace: string, resourceVersionOtherThan?: string) =>
    eventually(async () => {
      const cm = await rootCA(namespace);
      const current = cm && cm.metadata.resourceVersion !== resourceVersionOtherThan;
      return current && (cm['data'] as Record<string, string>)['ca.crt'] === CA_PEM ? cm : undefined;
    }, `${namespace} has the root CA`);

  beforeEach(async () => {
    cluster = await Cluster.start({ rootCAPem: CA_PEM });
    client = cluster.loopback;
  });

  afterEach(async () => {
    await cluster.close();
  });

  it('publishes the CA in the namespaces a cluster starts with', async () => {
    for (const namespace of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) await published(namespace);
  });

  it('publishes the CA with its description in a new namespace', async () => {
    await client.create(NAMESPACES, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fresh' } });
    const cm = await published('fresh');
    expect(cm['data']).toEqual({ 'ca.crt': CA_PEM });
    expect(cm.metadata.annotations).toEqual({ [DESCRIPTION_ANNOTATION]: DESCRIPTION });
  });

  it('creates the config map again when it is deleted', async () => {
    const first = await published('default');
    await client.delete(CONFIG_MAPS, 'default', ROOT_CA_CONFIG_MAP_NAME);
    const again = await published('default', first.metadata.resourceVersion);
    expect(again.metadata.uid).not.toBe(first.metadata.uid);
  });

  it('rewrites the data and the description when someone changes them, keeping other annotations', async () => {
    const cm = await published('default');
    await client.update(CONFIG_MAPS, {
      ...cm,
      metadata: { ...cm.metadata, annotations: { team: 'lab' } },
      data: { 'ca.crt': 'tampered' },
    });
    const fixed = await eventually(async () => {
      const current = await rootCA('default');
      return current?.metadata.annotations?.[DESCRIPTION_ANNOTATION] ? current : undefined;
    }, 'the description is back');
    expect(fixed['data']).toEqual({ 'ca.crt': CA_PEM });
    expect(fixed.metadata.annotations).toEqual({ team: 'lab', [DESCRIPTION_ANNOTATION]: DESCRIPTION });
  });

  it('publishes nothing in a cluster started without a CA', async () => {
    const plain = await Cluster.start({});
    try {
      await plain.loopback.create(NAMESPACES, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bare' } });
      // The controllers have seen the namespace once its default ServiceAccount exists.
      await eventually(async () => {
        const accounts = await plain.loopback.list(SERVICE_ACCOUNTS, 'bare');
        return accounts.items.length > 0 ? true : undefined;
      }, 'bare has its default ServiceAccount');
      const configMaps = await plain.loopback.list(CONFIG_MAPS, 'bare');
      expect(configMaps.items).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
