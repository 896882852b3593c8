// The shapes of Services, the pods behind them and EndpointSlices, as far as the endpoint controllers read and write
// them. Field names are Kubernetes' own; fields are optional because objects come from JSON.

import type { KubeObject } from '../../api/object.ts';
import type { Container, Pod, PodSpec, PodStatus } from '../common/workload-types.ts';

export interface ServicePort {
  name?: string;
  protocol?: string;
  appProtocol?: string;
  port: number;
  /** A port number or the name of a container port; defaulted to `port`. */
  targetPort?: number | string;
}

export interface Service extends KubeObject {
  spec?: {
    selector?: Record<string, string> | null;
    ports?: ServicePort[];
    type?: string;
    clusterIP?: string;
    ipFamilies?: string[];
    publishNotReadyAddresses?: boolean;
  };
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export type PortedContainer = Container & { ports?: ContainerPort[] };

/** A pod as the endpoint controllers see it: where it runs, its addresses, its ports and whether it is ready. */
export interface EndpointPod extends Pod {
  spec?: PodSpec & {
    hostname?: string;
    subdomain?: string;
    containers?: PortedContainer[];
    initContainers?: PortedContainer[];
  };
  status?: PodStatus & {
    podIP?: string;
    podIPs?: { ip: string }[];
  };
}

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface EndpointConditions {
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

export interface Endpoint {
  addresses: string[];
  conditions?: EndpointConditions;
  hostname?: string;
  targetRef?: ObjectReference;
  nodeName?: string;
  zone?: string;
  hints?: unknown;
}

export interface EndpointPort {
  name?: string;
  protocol?: string;
  port?: number;
  appProtocol?: string;
}

export interface EndpointSlice extends KubeObject {
  addressType: string;
  endpoints?: Endpoint[] | null;
  ports?: EndpointPort[] | null;
}

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
export const LABEL_HEADLESS_SERVICE = 'service.kubernetes.io/headless';
export const ANNOTATION_LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
export const ANNOTATION_LAST_APPLIED_CONFIG = 'kubectl.kubernetes.io/last-applied-configuration';
/** The annotation leader election once wrote on Endpoints; such Endpoints are never touched. */
export const ANNOTATION_LEADER_ELECTION = 'control-plane.alpha.kubernetes.io/leader';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';
