// Defaults of flowcontrol.apiserver.k8s.io/v1 (pkg/apis/flowcontrol/v1/defaults.go): FlowSchemas match with
// precedence 1000; limited priority levels get 30 nominal shares (unless the annotation preserving zero shares says
// otherwise) and lend nothing; exempt levels have zero shares and lend nothing; queues default to 64 queues, hands
// of 8 and 50 waiting requests.

import type { KubeObject } from '../../api/object.ts';
import { ensureRecord, num, record, recordOrEmpty, stringMap } from '../validation/access.ts';
import type { Json } from '../validation/access.ts';

const PRESERVE_ZERO_SHARES_ANNOTATION = 'flowcontrol.k8s.io/v1-preserve-zero-concurrency-shares';

function setIfAbsent(obj: Json, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

export function setFlowSchemaDefaults(flowSchema: KubeObject): void {
  const spec = ensureRecord(flowSchema, 'spec');
  if (num(spec.matchingPrecedence) === 0) spec.matchingPrecedence = 1000;
}

export function setPriorityLevelConfigurationDefaults(plc: KubeObject): void {
  const spec = ensureRecord(plc, 'spec');
  const limited = record(spec.limited);
  if (limited) {
    const preserveZero =
      stringMap(recordOrEmpty(plc.metadata).annotations)[PRESERVE_ZERO_SHARES_ANNOTATION] !== undefined;
    if ((limited.nominalConcurrencyShares === undefined || limited.nominalConcurrencyShares === null) && !preserveZero)
      limited.nominalConcurrencyShares = 30;
    setIfAbsent(limited, 'lendablePercent', 0);
    const queuing = record(record(limited.limitResponse)?.queuing);
    if (queuing) {
      if (num(queuing.handSize) === 0) queuing.handSize = 8;
      if (num(queuing.queues) === 0) queuing.queues = 64;
      if (num(queuing.queueLengthLimit) === 0) queuing.queueLengthLimit = 50;
    }
  }
  const exempt = record(spec.exempt);
  if (exempt) {
    setIfAbsent(exempt, 'nominalConcurrencyShares', 0);
    setIfAbsent(exempt, 'lendablePercent', 0);
  }
}
