// The shape of core/v1 Endpoints as the endpoints controllers read and write them.

import type { KubeObject } from '../../api/object.ts';
import type { ObjectReference } from '../endpointslice/types.ts';

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: ObjectReference;
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol?: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

export interface Endpoints extends KubeObject {
  subsets?: EndpointSubset[] | null;
}

export const ANNOTATION_OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
