// DefaultTolerationSeconds admission (plugin/pkg/admission/defaulttolerationseconds): every pod tolerates the
// not-ready and unreachable NoExecute taints for 300 seconds unless it already tolerates them, so that the node
// lifecycle controller evicts its pods five minutes after their node goes away.

import { list, record, records, str } from '../../validation/access.ts';
import type { AdmissionAttributes, AdmissionPlugin } from '../admission.ts';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
/** kube-apiserver's --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds. */
export const DEFAULT_TOLERATION_SECONDS = 300;

/** The toleration added for a taint, fields in the order Go's encoder writes them. */
function defaultToleration(key: string): Record<string, unknown> {
  return { key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS };
}

/** Whether a toleration covers `key`'s NoExecute taint (an empty key or effect matches any). */
function tolerates(toleration: Record<string, unknown>, key: string): boolean {
  const tolerationKey = str(toleration.key);
  const effect = str(toleration.effect);
  return (tolerationKey === key || tolerationKey === '') && (effect === 'NoExecute' || effect === '');
}

export class DefaultTolerationSeconds implements AdmissionPlugin {
  readonly name = 'DefaultTolerationSeconds';

  admit(a: AdmissionAttributes): void {
    if (a.group !== '' || a.resource !== 'pods' || a.subresource !== '') return;
    if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return;
    const spec = record(a.object?.spec);
    if (!spec) return;
    const tolerations = records(spec.tolerations);
    const added = [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE]
      .filter((key) => !tolerations.some((toleration) => tolerates(toleration, key)))
      .map(defaultToleration);
    if (added.length > 0) spec.tolerations = [...list(spec.tolerations), ...added];
  }
}
