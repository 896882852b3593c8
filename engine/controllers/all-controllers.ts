// Every controller the controller manager runs, built from the shared context — the list
// kube-controller-manager's --controllers flag would select from.

import type { Controller, ControllerContext } from './controller-context.ts';
import { daemonSetControllers } from './daemonset/index.ts';
import { deploymentControllers } from './deployment/index.ts';
import { disruptionControllers } from './disruption/index.ts';
import { endpointsControllers } from './endpoints/index.ts';
import { endpointSliceControllers } from './endpointslice/index.ts';
import { jobControllers } from './job/index.ts';
import { nodeIpamControllers } from './nodeipam/index.ts';
import { nodeLifecycleControllers } from './nodelifecycle/index.ts';
import { podGCControllers } from './podgc/index.ts';
import { serviceLBControllers } from './servicelb/index.ts';
import { statefulSetControllers } from './statefulset/index.ts';
import { GarbageCollector } from './garbagecollector/garbage-collector.ts';
import { NamespaceController } from './namespace/namespace-controller.ts';
import { RootCACertPublisher } from './rootcacertpublisher/root-ca-cert-publisher.ts';
import { ServiceAccountsController } from './serviceaccount/serviceaccounts-controller.ts';

export interface ControllerManagerOptions {
  /** The cluster CA (PEM) the root CA publisher puts in every namespace; without it that controller does not run. */
  rootCAPem?: string;
  /**
   * Which controllers run, as kube-controller-manager's --controllers: names, `*` for all, `-name` to leave one out
   * (default all). Tests of a controller run the cluster without it and start their own.
   */
  controllers?: readonly string[];
  /** The range node IPAM hands each node a /24 of (--cluster-cidr; kubeadm's 10.244.0.0/16 by default). */
  clusterCIDR?: string;
  /** The Service range, kept out of the nodes' ranges (--service-cluster-ip-range). */
  serviceCIDR?: string;
  /** The addresses LoadBalancer Services get (a range `first-last` or a CIDR; 172.18.255.200-250 by default). */
  loadBalancerPool?: string;
}

/** Whether a controller is selected by a --controllers list. */
export function controllerEnabled(name: string, selection: readonly string[] = ['*']): boolean {
  if (selection.includes(`-${name}`)) return false;
  return selection.includes(name) || selection.includes('*');
}

const CORE = (resource: string) => ({ group: '', version: 'v1', resource });

export function allControllers(ctx: ControllerContext, options: ControllerManagerOptions): Controller[] {
  const { client, clock, informers } = ctx;
  const namespaces = informers.informerFor(CORE('namespaces'));
  const controllers: Controller[] = [];

  const namespace = new NamespaceController(client, clock, namespaces);
  controllers.push({ name: 'namespace-controller', run: () => namespace.run(2), stop: () => namespace.stop() });

  const serviceAccounts = new ServiceAccountsController(
    client,
    clock,
    namespaces,
    informers.informerFor(CORE('serviceaccounts')),
  );
  controllers.push({
    name: 'serviceaccount-controller',
    run: () => serviceAccounts.run(),
    stop: () => serviceAccounts.stop(),
  });

  if (options.rootCAPem) {
    const publisher = new RootCACertPublisher(
      client,
      clock,
      options.rootCAPem,
      namespaces,
      informers.informerFor(CORE('configmaps')),
    );
    controllers.push({
      name: 'root-ca-certificate-publisher-controller',
      run: () => publisher.run(),
      stop: () => publisher.stop(),
    });
  }

  controllers.push(...deploymentControllers(ctx), ...statefulSetControllers(ctx), ...daemonSetControllers(ctx));
  controllers.push(...jobControllers(ctx));
  controllers.push(...endpointsControllers(ctx), ...endpointSliceControllers(ctx));
  controllers.push(...nodeLifecycleControllers(ctx));
  controllers.push(...nodeIpamControllers(ctx, options.clusterCIDR, { serviceCIDR: options.serviceCIDR }));
  controllers.push(...disruptionControllers(ctx), ...podGCControllers(ctx));
  controllers.push(...serviceLBControllers(ctx, options.loadBalancerPool));

  // The garbage collector lists every deletable resource through monitors of its own before its workers run, so it
  // starts alongside the others without holding them up.
  const gc = new GarbageCollector(client, clock);
  controllers.push({ name: 'garbage-collector-controller', run: () => void gc.run(), stop: () => gc.stop() });
  return controllers.filter((c) => controllerEnabled(c.name, options.controllers));
}
