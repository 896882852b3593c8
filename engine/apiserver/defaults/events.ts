// The shape events.k8s.io/v1 Events have on the wire: Go always writes the regarding object and deprecated
// source (empty structs) and the three timestamps (null when unset). There are no other defaults.

import type { KubeObject } from '../../api/object.ts';
import { ensureRecord } from '../validation/access.ts';

export function setEventsV1EventDefaults(event: KubeObject): void {
  ensureRecord(event, 'regarding');
  ensureRecord(event, 'deprecatedSource');
  for (const field of ['eventTime', 'deprecatedFirstTimestamp', 'deprecatedLastTimestamp']) event[field] ??= null;
}
