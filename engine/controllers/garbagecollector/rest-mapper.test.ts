import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster/cluster.ts';
import { RestMapper, RestMappingError } from './rest-mapper.ts';

describe('RestMapper', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start({});
  });

  afterAll(async () => {
    await cluster.close();
  });

  it('reads discovery when it meets a kind it does not know yet', async () => {
    const mapper = new RestMapper(cluster.loopback);
    expect(await mapper.resourceFor('v1', 'ConfigMap')).toMatchObject({
      group: '',
      version: 'v1',
      resource: 'configmaps',
      namespaced: true,
    });
    expect(await mapper.resourceFor('v1', 'Node')).toMatchObject({ resource: 'nodes', namespaced: false });
  });

  it("maps a kind to its group's preferred version, whatever version the reference names", async () => {
    const mapper = new RestMapper(cluster.loopback);
    expect(await mapper.resourceFor('apps/v1beta1', 'Deployment')).toMatchObject({
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
    });
  });

  it('fails with a mapping error for a kind nobody serves', async () => {
    const mapper = new RestMapper(cluster.loopback);
    await expect(mapper.resourceFor('example.com/v1', 'Nothing')).rejects.toBeInstanceOf(RestMappingError);
  });
});
