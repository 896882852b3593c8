// The control-plane node's static pod manifests, as kubeadm 1.32 writes them to /etc/kubernetes/manifests: etcd,
// kube-apiserver, kube-controller-manager and kube-scheduler, run by that node's kubelet and mirrored into kube-system
// as `<component>-<node>` pods. In kubelab the components themselves run inside the engine; these pods are how the
// cluster shows them, with the flags a kubeadm cluster would run them with.

import type { KubeObject } from '../api/object.ts';
import type { ClusterConfig } from './cluster-config.ts';
import { KUBERNETES_IMAGE_TAG } from './system-workloads.ts';

const ETCD_IMAGE = 'registry.k8s.io/etcd:3.5.16-0';

function staticPod(
  component: string,
  image: string,
  command: string[],
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: component,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
    },
    spec: {
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: component,
          image,
          imagePullPolicy: 'IfNotPresent',
          command,
          resources: {
            requests: { cpu: component === 'kube-apiserver' ? '250m' : component === 'etcd' ? '100m' : '200m' },
          },
          ...extra,
        },
      ],
    },
  };
}

function probe(
  host: string,
  port: number,
  path: string,
  scheme: 'HTTP' | 'HTTPS',
  delay: number,
): Record<string, unknown> {
  return {
    httpGet: { host, path, port, scheme },
    initialDelaySeconds: delay,
    periodSeconds: 10,
    timeoutSeconds: 15,
    failureThreshold: 8,
  };
}

/** The four control-plane static pods of the control-plane node at `advertiseAddress`. */
export function controlPlaneManifests(config: ClusterConfig): KubeObject[] {
  const ip = config.advertiseAddress;
  const tag = KUBERNETES_IMAGE_TAG;
  return [
    staticPod(
      'etcd',
      ETCD_IMAGE,
      [
        'etcd',
        `--advertise-client-urls=https://${ip}:2379`,
        '--data-dir=/var/lib/etcd',
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381',
        `--name=${config.name}-control-plane`,
        '--snapshot-count=10000',
      ],
      { livenessProbe: probe('127.0.0.1', 2381, '/livez', 'HTTP', 10) },
    ),
    staticPod(
      'kube-apiserver',
      `registry.k8s.io/kube-apiserver:${tag}`,
      [
        'kube-apiserver',
        `--advertise-address=${ip}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--enable-admission-plugins=NodeRestriction',
        '--etcd-servers=https://127.0.0.1:2379',
        `--secure-port=${config.securePort}`,
        `--service-cluster-ip-range=${config.serviceCIDR}`,
      ],
      {
        livenessProbe: probe(ip, config.securePort, '/livez', 'HTTPS', 10),
        readinessProbe: {
          ...probe(ip, config.securePort, '/readyz', 'HTTPS', 0),
          failureThreshold: 3,
          timeoutSeconds: 15,
          periodSeconds: 1,
        },
      },
    ),
    staticPod(
      'kube-controller-manager',
      `registry.k8s.io/kube-controller-manager:${tag}`,
      [
        'kube-controller-manager',
        '--allocate-node-cidrs=true',
        `--cluster-cidr=${config.podCIDR}`,
        `--cluster-name=${config.name}`,
        '--controllers=*,bootstrapsigner,tokencleaner',
        '--leader-elect=true',
        `--service-cluster-ip-range=${config.serviceCIDR}`,
        '--use-service-account-credentials=true',
      ],
      { livenessProbe: probe('127.0.0.1', 10257, '/healthz', 'HTTPS', 10) },
    ),
    staticPod(
      'kube-scheduler',
      `registry.k8s.io/kube-scheduler:${tag}`,
      [
        'kube-scheduler',
        '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1',
        '--leader-elect=true',
      ],
      { livenessProbe: probe('127.0.0.1', 10259, '/livez', 'HTTPS', 10) },
    ),
  ];
}
