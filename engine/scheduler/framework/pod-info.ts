// A pod as the scheduler works with it (framework.PodInfo): the object plus what is parsed from it once — its
// inter-pod (anti-)affinity terms with their selectors, its requests, its priority and host ports — so that
// Filter and Score, which run for every node, never parse anything.

import { LabelSelector } from '../../apiserver/selectors/label-selector.ts';
import type { Labels } from '../../apiserver/selectors/label-requirement.ts';
import type { ContainerPort, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from './api-types.ts';
import type { Resource } from './resource.ts';
import { podRequests } from './resource.ts';

/** framework.AffinityTerm: a PodAffinityTerm with its selectors parsed and its namespaces resolved. */
export class AffinityTerm {
  constructor(
    readonly namespaces: Set<string>,
    readonly selector: LabelSelector,
    readonly topologyKey: string,
    readonly namespaceSelector: LabelSelector,
  ) {}

  /** Whether `pod`, in a namespace labelled `nsLabels`, is one the term selects. */
  matches(pod: Pod, nsLabels: Labels): boolean {
    if (this.namespaces.has(pod.metadata.namespace ?? '') || this.namespaceSelector.matches(nsLabels)) {
      return this.selector.matches(pod.metadata.labels);
    }
    return false;
  }

  /** A copy whose namespaces may be extended (mergeAffinityTermNamespacesIfNotEmpty). */
  withNamespaces(namespaces: Set<string>, namespaceSelector: LabelSelector): AffinityTerm {
    return new AffinityTerm(namespaces, this.selector, this.topologyKey, namespaceSelector);
  }
}

export interface WeightedAffinityTerm {
  term: AffinityTerm;
  weight: number;
}

function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  const selector = LabelSelector.fromLabelSelector(term.labelSelector);
  const namespaces = new Set<string>();
  const listed = term.namespaces ?? [];
  if (listed.length === 0 && (term.namespaceSelector === undefined || term.namespaceSelector === null)) {
    namespaces.add(pod.metadata.namespace ?? '');
  } else {
    for (const ns of listed) namespaces.add(ns);
  }
  const namespaceSelector = LabelSelector.fromLabelSelector(term.namespaceSelector);
  return new AffinityTerm(namespaces, selector, term.topologyKey, namespaceSelector);
}

/** framework.PodPriority: spec.priority, 0 when unset. */
export function podPriority(pod: Pod): number {
  return pod.spec.priority ?? 0;
}

/** The host ports the pod's containers ask for (hostPort > 0), as NodePorts checks them. */
function hostPortsOf(pod: Pod): ContainerPort[] {
  const ports: ContainerPort[] = [];
  for (const container of pod.spec.containers ?? []) {
    for (const port of container.ports ?? []) if ((port.hostPort ?? 0) > 0) ports.push(port);
  }
  return ports;
}

export class PodInfo {
  readonly requiredAffinityTerms: AffinityTerm[];
  readonly requiredAntiAffinityTerms: AffinityTerm[];
  readonly preferredAffinityTerms: WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: WeightedAffinityTerm[];
  /** Why a term could not be parsed (framework.NewPodInfo's aggregated error), if one could not. */
  readonly parseError: string | undefined;
  /** The pod's requests (NodeInfo's Requested counts these). */
  readonly requests: Resource;
  /** cpu and memory requests with the defaults for containers that state none (NodeInfo's NonZeroRequested). */
  readonly nonZeroRequests: Resource;
  readonly priority: number;
  readonly hostPorts: ContainerPort[];
  readonly key: string;

  /** Parses the pod; `parsed` (a PodInfo of the same pod with the same spec) lends its parsed fields instead. */
  constructor(
    readonly pod: Pod,
    parsed?: PodInfo,
  ) {
    this.key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
    this.priority = podPriority(pod);
    if (parsed) {
      this.requiredAffinityTerms = parsed.requiredAffinityTerms;
      this.requiredAntiAffinityTerms = parsed.requiredAntiAffinityTerms;
      this.preferredAffinityTerms = parsed.preferredAffinityTerms;
      this.preferredAntiAffinityTerms = parsed.preferredAntiAffinityTerms;
      this.parseError = parsed.parseError;
      this.requests = parsed.requests;
      this.nonZeroRequests = parsed.nonZeroRequests;
      this.hostPorts = parsed.hostPorts;
      return;
    }
    this.requests = podRequests(pod);
    this.nonZeroRequests = podRequests(pod, true);
    this.hostPorts = hostPortsOf(pod);
    this.requiredAffinityTerms = [];
    this.requiredAntiAffinityTerms = [];
    this.preferredAffinityTerms = [];
    this.preferredAntiAffinityTerms = [];
    const errors: string[] = [];
    const parse = <T>(fn: () => T): T | undefined => {
      try {
        return fn();
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
        return undefined;
      }
    };
    const affinity = pod.spec.affinity;
    const required = (terms: PodAffinityTerm[] | null | undefined, into: AffinityTerm[]) => {
      for (const term of terms ?? []) {
        const parsedTerm = parse(() => newAffinityTerm(pod, term));
        if (parsedTerm) into.push(parsedTerm);
      }
    };
    const preferred = (terms: WeightedPodAffinityTerm[] | null | undefined, into: WeightedAffinityTerm[]) => {
      for (const weighted of terms ?? []) {
        const parsedTerm = parse(() => newAffinityTerm(pod, weighted.podAffinityTerm));
        if (parsedTerm) into.push({ term: parsedTerm, weight: weighted.weight });
      }
    };
    required(affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution, this.requiredAffinityTerms);
    required(affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution, this.requiredAntiAffinityTerms);
    preferred(affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, this.preferredAffinityTerms);
    preferred(
      affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
      this.preferredAntiAffinityTerms,
    );
    this.parseError = errors.length ? errors.join(', ') : undefined;
  }

  /** The pod as assumed on a node: a copy with spec.nodeName set, sharing what was parsed. */
  assumedOn(nodeName: string): PodInfo {
    return new PodInfo({ ...this.pod, spec: { ...this.pod.spec, nodeName } }, this);
  }

  get uid(): string {
    return this.pod.metadata.uid ?? '';
  }

  /** Has pod affinity or anti-affinity of any kind (podWithAffinity). */
  get hasAffinity(): boolean {
    const affinity = this.pod.spec.affinity;
    return !!affinity && (!!affinity.podAffinity || !!affinity.podAntiAffinity);
  }

  /** Has required anti-affinity terms (podWithRequiredAntiAffinity). */
  get hasRequiredAntiAffinity(): boolean {
    return (this.pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
  }

  /** Whether the pod is being deleted. */
  get terminating(): boolean {
    return this.pod.metadata.deletionTimestamp !== undefined && this.pod.metadata.deletionTimestamp !== null;
  }
}
