import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import {
  setEndpointsDefaults,
  setEventDefaults,
  setLimitRangeDefaults,
  setNamespaceDefaults,
  setNodeDefaults,
  setPersistentVolumeClaimDefaults,
  setPersistentVolumeDefaults,
  setPodDefaults,
  setReplicationControllerDefaults,
  setSecretDefaults,
  setServiceDefaults,
} from './core.ts';

function obj(
  fields: Record<string, unknown>,
  metadata: KubeObject['metadata'] = { name: 'x', namespace: 'default' },
): KubeObject {
  return { metadata, ...structuredClone(fields) };
}

const defaultedContainer = {
  name: 'nginx',
  image: 'nginx',
  imagePullPolicy: 'Always',
  resources: {},
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
};

describe('Pod defaults', () => {
  it('match what `kubectl run nginx --image=nginx` stores (before admission)', () => {
    const pod = obj({ spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
    setPodDefaults(pod);
    expect(pod.spec).toEqual({
      containers: [defaultedContainer],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
  });

  it('default probes, ports, env and volumes', () => {
    const pod = obj({
      spec: {
        containers: [
          {
            name: 'app',
            image: 'app:1.0',
            ports: [{ containerPort: 8080 }],
            readinessProbe: { httpGet: { port: 8080 } },
            livenessProbe: { grpc: { port: 9000 } },
            env: [
              { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
            ],
          },
        ],
        volumes: [
          { name: 'cfg', configMap: { name: 'app' } },
          { name: 'tmp' },
          { name: 'host', hostPath: { path: '/var/log' } },
        ],
        serviceAccountName: 'builder',
      },
    });
    setPodDefaults(pod);
    const spec = pod.spec as Record<string, unknown>;
    const [ctr] = spec.containers as Record<string, unknown>[];
    expect(ctr?.ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    expect(ctr?.readinessProbe).toEqual({
      httpGet: { port: 8080, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(ctr?.livenessProbe).toEqual({
      grpc: { port: 9000, service: '' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(ctr?.imagePullPolicy).toBe('IfNotPresent');
    expect(ctr?.env).toEqual([
      { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '0' } } },
    ]);
    expect(spec.volumes).toEqual([
      { name: 'cfg', configMap: { name: 'app', defaultMode: 420 } },
      { name: 'tmp', emptyDir: {} },
      { name: 'host', hostPath: { path: '/var/log', type: '' } },
    ]);
    expect(spec.serviceAccount).toBe('builder');
  });

  it('copy limits to missing requests in canonical form', () => {
    const pod = obj({
      spec: {
        containers: [
          { name: 'a', image: 'a', resources: { limits: { cpu: '0.5', memory: '1024Mi' }, requests: { cpu: '100m' } } },
        ],
      },
    });
    setPodDefaults(pod);
    expect((pod.spec as { containers: { resources: unknown }[] }).containers[0]?.resources).toEqual({
      limits: { cpu: '500m', memory: '1Gi' },
      requests: { cpu: '100m', memory: '1Gi' },
    });
  });

  it('give host-network pods host ports', () => {
    const pod = obj({
      spec: { hostNetwork: true, containers: [{ name: 'a', image: 'a', ports: [{ containerPort: 53 }] }] },
    });
    setPodDefaults(pod);
    expect((pod.spec as { containers: { ports: unknown }[] }).containers[0]?.ports).toEqual([
      { containerPort: 53, hostPort: 53, protocol: 'TCP' },
    ]);
  });

  it('are idempotent', () => {
    const pod = obj({ spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
    setPodDefaults(pod);
    const once = structuredClone(pod);
    setPodDefaults(pod);
    expect(pod).toEqual(once);
  });
});

describe('Service defaults', () => {
  it('match what `kubectl create service clusterip web --tcp=80:8080` stores before allocation', () => {
    const svc = obj({ spec: { ports: [{ name: '80-8080', port: 80, targetPort: 8080 }], selector: { app: 'web' } } });
    setServiceDefaults(svc);
    expect(svc.spec).toEqual({
      internalTrafficPolicy: 'Cluster',
      ports: [{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }],
      selector: { app: 'web' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    });
  });

  it.each([
    [
      'a NodePort service gets the Cluster external traffic policy',
      { type: 'NodePort', ports: [{ port: 80 }] },
      { externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' },
    ],
    [
      'a LoadBalancer service allocates node ports by default',
      { type: 'LoadBalancer', ports: [{ port: 80 }] },
      { allocateLoadBalancerNodePorts: true },
    ],
    [
      'a missing targetPort is the port',
      { ports: [{ port: 443 }] },
      { ports: [{ port: 443, protocol: 'TCP', targetPort: 443 }] },
    ],
    [
      'ClientIP affinity gets a three-hour timeout',
      { sessionAffinity: 'ClientIP', ports: [{ port: 80 }] },
      { sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } },
    ],
  ])('%s', (_name, spec, expected) => {
    const svc = obj({ spec });
    setServiceDefaults(svc);
    expect(svc.spec).toMatchObject(expected);
  });

  it('gives an ExternalName service no internal traffic policy', () => {
    const svc = obj({ spec: { type: 'ExternalName', externalName: 'db.example.com' } });
    setServiceDefaults(svc);
    expect(svc.spec).toEqual({ type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' });
  });
});

describe('other core defaults', () => {
  it('label a namespace with its name and make it Active', () => {
    const ns = obj({}, { name: 'dev' });
    setNamespaceDefaults(ns);
    expect(ns).toEqual({
      metadata: { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev' } },
      status: { phase: 'Active' },
    });
  });

  it('give a secret the Opaque type', () => {
    const secret = obj({ data: { a: 'YQ==' } });
    setSecretDefaults(secret);
    expect(secret.type).toBe('Opaque');
  });

  it('retain persistent volumes and use filesystem mode', () => {
    const pv = obj({ spec: { capacity: { storage: '10Gi' } } }, { name: 'pv' });
    setPersistentVolumeDefaults(pv);
    expect(pv).toMatchObject({
      spec: { persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });

  it('start claims Pending in filesystem mode', () => {
    const pvc = obj({ spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } });
    setPersistentVolumeClaimDefaults(pvc);
    expect(pvc).toMatchObject({
      spec: { volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Pending' },
    });
  });

  it('give endpoint ports the TCP protocol', () => {
    const ep = obj({ subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] });
    setEndpointsDefaults(ep);
    expect(ep.subsets).toEqual([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80, protocol: 'TCP' }] }]);
  });

  it('copy node capacity to allocatable and write the empty node info', () => {
    const node = obj({ status: { capacity: { cpu: '2' } } }, { name: 'node-1' });
    setNodeDefaults(node);
    expect(node.status).toMatchObject({
      capacity: { cpu: '2' },
      allocatable: { cpu: '2' },
      daemonEndpoints: { kubeletEndpoint: { Port: 0 } },
    });
    expect((node.status as { nodeInfo: Record<string, string> }).nodeInfo.kubeletVersion).toBe('');
  });

  it('give a replication controller one replica and its template labels', () => {
    const rc = obj({
      spec: {
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
      },
    });
    setReplicationControllerDefaults(rc);
    expect(rc.metadata.labels).toEqual({ app: 'web' });
    expect(rc.spec).toMatchObject({
      replicas: 1,
      selector: { app: 'web' },
      template: { metadata: { creationTimestamp: null } },
    });
  });

  it('fill container defaults of a limit range from its max', () => {
    const lr = obj({ spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }] } });
    setLimitRangeDefaults(lr);
    expect((lr.spec as { limits: unknown[] }).limits[0]).toEqual({
      type: 'Container',
      max: { cpu: '2' },
      min: { memory: '64Mi' },
      default: { cpu: '2' },
      defaultRequest: { cpu: '2', memory: '64Mi' },
    });
  });

  it('write the empty fields of an event as Go does', () => {
    const event = obj({ reason: 'Started' });
    setEventDefaults(event);
    expect(event).toMatchObject({
      eventTime: null,
      firstTimestamp: null,
      lastTimestamp: null,
      reportingComponent: '',
      reportingInstance: '',
      source: {},
      involvedObject: {},
    });
  });
});
