// Priority admission (plugin/pkg/admission/priority): a new pod gets its priority and preemption policy from its
// PriorityClass, or from the cluster's global default class, or priority 0; a pod may not state a priority that
// differs from its class's. Updates keep the values admission set on create. Only one PriorityClass may be the
// global default.

import type { KubeObject } from '../../../api/object.ts';
import { ensureRecord, record, str } from '../../validation/access.ts';
import type { Json } from '../../validation/access.ts';
import type { AdmissionAttributes, AdmissionPlugin } from '../admission.ts';
import { admissionForbidden } from './admission-errors.ts';
import type { GetObject, ListObjects } from './lookups.ts';

/** scheduling.DefaultPriorityWhenNoDefaultClassExists. */
export const DEFAULT_PRIORITY = 0;
export const PREEMPT_LOWER_PRIORITY = 'PreemptLowerPriority';

export interface PriorityLookups {
  getPriorityClass: GetObject;
  listPriorityClasses: ListObjects;
}

interface ResolvedPriority {
  className: string;
  priority: number;
  preemptionPolicy: string | undefined;
}

const numberOf = (value: unknown): number => (typeof value === 'number' ? value : 0);
const policyOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export class Priority implements AdmissionPlugin {
  readonly name = 'Priority';

  constructor(private readonly lookups: PriorityLookups) {}

  async admit(a: AdmissionAttributes): Promise<void> {
    if (a.subresource !== '' || a.group !== '' || a.resource !== 'pods' || !a.object) return;
    const spec = ensureRecord(a.object, 'spec');
    if (a.operation === 'UPDATE') {
      // Validation forbids changing these; an update that leaves them out keeps what create set.
      const old = record(a.oldObject?.spec) ?? {};
      if (spec.priority == null && old.priority != null) spec.priority = old.priority;
      if (spec.preemptionPolicy == null && old.preemptionPolicy != null) spec.preemptionPolicy = old.preemptionPolicy;
      return;
    }
    if (a.operation === 'CREATE') await this.admitNewPod(a, spec);
  }

  async validate(a: AdmissionAttributes): Promise<void> {
    if (a.subresource !== '' || a.group !== 'scheduling.k8s.io' || a.resource !== 'priorityclasses') return;
    if ((a.operation !== 'CREATE' && a.operation !== 'UPDATE') || a.object?.globalDefault !== true) return;
    const current = await this.defaultClass();
    if (!current) return;
    if (a.operation === 'CREATE' || current.metadata.name !== a.object.metadata.name) {
      throw admissionForbidden(
        a,
        `PriorityClass ${current.metadata.name ?? ''} is already marked as default. Only one default can exist`,
      );
    }
  }

  private async admitNewPod(a: AdmissionAttributes, spec: Json): Promise<void> {
    const resolved = await this.resolve(a, str(spec.priorityClassName));
    if (resolved.className !== '') spec.priorityClassName = resolved.className;
    if (typeof spec.priority === 'number' && spec.priority !== resolved.priority) {
      throw admissionForbidden(
        a,
        `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${resolved.priority} from the given PriorityClass name`,
      );
    }
    spec.priority = resolved.priority;
    if (resolved.preemptionPolicy === undefined) return;
    if (typeof spec.preemptionPolicy === 'string' && spec.preemptionPolicy !== resolved.preemptionPolicy) {
      throw admissionForbidden(
        a,
        `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${resolved.preemptionPolicy} from the given PriorityClass name`,
      );
    }
    spec.preemptionPolicy = resolved.preemptionPolicy;
  }

  /** The named class, or the global default class, or the built-in default when there is none. */
  private async resolve(a: AdmissionAttributes, className: string): Promise<ResolvedPriority> {
    if (className !== '') {
      const found = await this.lookups.getPriorityClass(className);
      if (!found) throw admissionForbidden(a, `no PriorityClass with name ${className} was found`);
      return { className, priority: numberOf(found.value), preemptionPolicy: policyOf(found.preemptionPolicy) };
    }
    const fallback = await this.defaultClass();
    if (!fallback) return { className: '', priority: DEFAULT_PRIORITY, preemptionPolicy: PREEMPT_LOWER_PRIORITY };
    return {
      className: fallback.metadata.name ?? '',
      priority: numberOf(fallback.value),
      preemptionPolicy: policyOf(fallback.preemptionPolicy),
    };
  }

  /** The global default class; when a race left several, the one with the lowest value. */
  private async defaultClass(): Promise<KubeObject | undefined> {
    let lowest: KubeObject | undefined;
    for (const pc of await this.lookups.listPriorityClasses()) {
      if (pc.globalDefault === true && (!lowest || numberOf(lowest.value) > numberOf(pc.value))) lowest = pc;
    }
    return lowest;
  }
}
