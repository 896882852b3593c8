// The trigger time tracker (k8s.io/endpointslice/util TriggerTimeTracker): when did the change happen that an
// Endpoints or EndpointSlice write reflects? The earliest pod Ready transition or Service creation that is newer
// than at the last sync, or the Service's creation the first time it is seen. Written to the
// endpoints.kubernetes.io/last-change-trigger-time annotation, so latency from pod change to endpoints is measurable.

import type { EndpointPod, Service } from './types.ts';

interface ServiceState {
  /** Pod name → the last trigger time seen for it (virtual ms). */
  lastPodTriggerTimes: Map<string, number>;
  lastServiceTriggerTime: number | undefined;
}

function parseTime(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function podTriggerTime(pod: EndpointPod): number | undefined {
  return parseTime(pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime);
}

function earlier(a: number | undefined, b: number): number {
  return a === undefined || b < a ? b : a;
}

export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /**
   * The trigger time for this sync of the Service's endpoints, in virtual ms, or undefined when nothing that
   * happened since the last sync carries one. Updates the tracker's state either way.
   */
  compute(namespace: string, service: Service, pods: readonly EndpointPod[]): number | undefined {
    const key = `${namespace}/${service.metadata.name}`;
    const state = this.states.get(key);
    let minChanged: number | undefined;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const time = podTriggerTime(pod);
      if (time === undefined) continue;
      const name = pod.metadata.name ?? '';
      podTimes.set(name, time);
      const last = state?.lastPodTriggerTimes.get(name);
      if (last === undefined || time > last) minChanged = earlier(minChanged, time);
    }
    const serviceTime = parseTime(service.metadata.creationTimestamp);
    const lastServiceTime = state?.lastServiceTriggerTime;
    if (serviceTime !== undefined && (lastServiceTime === undefined || serviceTime > lastServiceTime)) {
      minChanged = earlier(minChanged, serviceTime);
    }
    this.states.set(key, { lastPodTriggerTimes: podTimes, lastServiceTriggerTime: serviceTime });
    return state ? minChanged : serviceTime;
  }

  deleteService(namespace: string, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}
