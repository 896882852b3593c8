import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { WorkloadTestCluster } from '../common/workload-test-cluster.ts';
import { AddressPool } from './address-pool.ts';
import { serviceLBControllers } from './index.ts';
import { LOAD_BALANCER_CLEANUP_FINALIZER } from './service-lb-controller.ts';

const SERVICES = { group: '', version: 'v1', resource: 'services' };

function service(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { type: 'LoadBalancer', selector: { app: name }, ports: [{ port: 80 }], ...spec },
  };
}

const ingressOf = (obj: KubeObject | undefined) =>
  (obj?.['status'] as { loadBalancer?: { ingress?: { ip: string }[] } } | undefined)?.loadBalancer?.ingress ?? [];

describe('AddressPool', () => {
  it('hands out the lowest free address of a range, and none when all are taken', () => {
    const pool = AddressPool.parse('172.18.255.200-172.18.255.201');
    expect(pool.firstFree(new Set())).toBe('172.18.255.200');
    expect(pool.firstFree(new Set(['172.18.255.200']))).toBe('172.18.255.201');
    expect(pool.firstFree(new Set(['172.18.255.200', '172.18.255.201']))).toBeUndefined();
  });

  it('takes a CIDR without its network and broadcast addresses', () => {
    const pool = AddressPool.parse('192.168.10.0/30');
    expect(pool.contains('192.168.10.0')).toBe(false);
    expect(pool.contains('192.168.10.1')).toBe(true);
    expect(pool.contains('192.168.10.3')).toBe(false);
  });

  it.each(['', '10.0.0.5-10.0.0.1', 'nonsense', '10.0.0.0/31'])('refuses %j', (spec) => {
    expect(() => AddressPool.parse(spec)).toThrow('invalid load-balancer address pool');
  });
});

describe('the service load-balancer controller', () => {
  let kit: WorkloadTestCluster;

  const start = async (pool?: string) => {
    kit = await WorkloadTestCluster.start();
    await kit.run(serviceLBControllers(kit.context, pool));
  };
  const get = (name: string) => kit.getOrUndefined(SERVICES, 'default', name);
  const addressOf = (name: string) =>
    kit.eventually(async () => ingressOf(await get(name))[0]?.ip, `${name} has an address`);

  afterEach(async () => {
    await kit.close();
  });

  it('gives a LoadBalancer Service the first free address of the pool, with the cleanup finalizer and events', async () => {
    await start();
    await kit.client.create(SERVICES, 'default', service('web'));
    expect(await addressOf('web')).toBe('172.18.255.200');
    expect(ingressOf(await get('web'))).toEqual([{ ip: '172.18.255.200', ipMode: 'VIP' }]);
    expect((await get('web'))?.metadata.finalizers).toEqual([LOAD_BALANCER_CLEANUP_FINALIZER]);
    await kit.client.create(SERVICES, 'default', service('api'));
    expect(await addressOf('api')).toBe('172.18.255.201');
    expect((await kit.eventsFor('web')).map((e) => e.reason)).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']);
  });

  it('gives the requested loadBalancerIP when it is in the pool and free', async () => {
    await start();
    await kit.client.create(SERVICES, 'default', service('web', { loadBalancerIP: '172.18.255.210' }));
    expect(await addressOf('web')).toBe('172.18.255.210');
  });

  it('takes the address back when the Service stops being a LoadBalancer', async () => {
    await start();
    await kit.client.create(SERVICES, 'default', service('web'));
    await addressOf('web');
    await kit.client.patch(SERVICES, 'default', 'web', 'merge', { spec: { type: 'ClusterIP' } });
    await kit.eventually(async () => {
      const web = await get('web');
      return ingressOf(web).length === 0 && !web?.metadata.finalizers?.length ? true : undefined;
    }, 'the address and the finalizer are gone');
    expect((await kit.eventsFor('web')).map((e) => e.reason)).toEqual([
      'EnsuringLoadBalancer',
      'EnsuredLoadBalancer',
      'DeletingLoadBalancer',
      'DeletedLoadBalancer',
    ]);
    await kit.client.create(SERVICES, 'default', service('next'));
    expect(await addressOf('next')).toBe('172.18.255.200');
  });

  it('lets a deleted Service go once its load balancer is cleaned up', async () => {
    await start();
    await kit.client.create(SERVICES, 'default', service('web'));
    await addressOf('web');
    await kit.client.delete(SERVICES, 'default', 'web');
    await kit.eventually(async () => ((await get('web')) ? undefined : true), 'the Service is gone');
  });

  it('says so in an event when the pool is used up, and retries', async () => {
    await start('172.18.255.200-172.18.255.200');
    await kit.client.create(SERVICES, 'default', service('first'));
    await addressOf('first');
    await kit.client.create(SERVICES, 'default', service('second'));
    const failed = await kit.eventually(
      async () => (await kit.eventsFor('second')).find((e) => e.reason === 'SyncLoadBalancerFailed'),
      'a failure event',
    );
    expect(failed.message).toBe(
      "Error syncing load balancer: failed to ensure load balancer: no addresses left in the lab's pool 172.18.255.200-172.18.255.200",
    );
    await kit.client.delete(SERVICES, 'default', 'first');
    expect(await addressOf('second')).toBe('172.18.255.200');
  });

  it('leaves Services of another loadBalancerClass alone', async () => {
    await start();
    await kit.client.create(SERVICES, 'default', service('other', { loadBalancerClass: 'example.com/lb' }));
    await kit.client.create(SERVICES, 'default', service('mine'));
    await addressOf('mine');
    expect(ingressOf(await get('other'))).toEqual([]);
    expect((await get('other'))?.metadata.finalizers).toBeUndefined();
  });
});
