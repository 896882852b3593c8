// The kubelet's events: the reasons and messages of pkg/kubelet/events and the runtime manager, recorded against
// the pod (with the container's field path) or the node, through a token bucket as kubelet's eventRecordQPS and
// eventBurst limit them — events over the limit are dropped, as upstream drops them.

import type { KubeObject } from '../../api/object.ts';
import type { EventRecorder, EventType } from '../../client/event-recorder.ts';
import type { Clock } from '../../lab/clock.ts';
import type { Container } from './pod-types.ts';

export interface EventLimits {
  /** Events per second a kubelet may create; 0 means no limit (KubeletConfiguration.eventRecordQPS, default 50). */
  qps: number;
  /** Events allowed at once above the rate (eventBurst, default 100). */
  burst: number;
}

export const DEFAULT_EVENT_LIMITS: EventLimits = { qps: 50, burst: 100 };

/** spec.containers{nginx}, spec.initContainers{init}: the field path of a container's events. */
export function containerFieldPath(container: Container, isInit: boolean): string {
  return `${isInit ? 'spec.initContainers' : 'spec.containers'}{${container.name}}`;
}

export class KubeletEvents {
  private tokens: number;
  private lastRefill: number;

  constructor(
    private readonly recorder: EventRecorder,
    private readonly clock: Clock,
    private readonly limits: EventLimits,
  ) {
    this.tokens = limits.burst;
    this.lastRefill = clock.now();
  }

  /** An event about a pod (or, with a field path, one of its containers). */
  pod(pod: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    if (this.allow()) this.recorder.event(pod, type, reason, message, fieldPath);
  }

  /** An event about the node; kubelet refers to its node by kind, name and the name as UID (no namespace). */
  node(nodeName: string, type: EventType, reason: string, message: string): void {
    if (!this.allow()) return;
    this.recorder.event(
      { apiVersion: '', kind: 'Node', metadata: { name: nodeName, uid: nodeName } },
      type,
      reason,
      message,
    );
  }

  private allow(): boolean {
    if (this.limits.qps <= 0) return true;
    const now = this.clock.now();
    this.tokens = Math.min(this.limits.burst, this.tokens + ((now - this.lastRefill) / 1000) * this.limits.qps);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
