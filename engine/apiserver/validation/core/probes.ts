// Probes and lifecycle hooks (validateProbe, validateHandler): exactly one handler (exec, httpGet, tcpSocket, grpc,
// or sleep for hooks), valid ports and schemes, non-negative timings, and the per-probe rules (liveness and startup
// probes need successThreshold 1; readiness probes take no terminationGracePeriodSeconds).

import { forbiddenField, invalidValue, notSupported, required } from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';
import { list, num, optNum, record, records, str } from '../access.ts';
import type { Json } from '../access.ts';
import { isHTTPHeaderName } from '../formats.ts';
import { invalidEach, validateNonnegative, validatePortNumOrName } from '../generic.ts';

type HandlerType = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc' | 'sleep';

function validateHandlerAction(
  type: HandlerType,
  action: Json,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  switch (type) {
    case 'exec':
      return list(action.command).length === 0 ? [required(path.child('command'))] : [];
    case 'httpGet': {
      const errs: FieldError[] = [];
      if (str(action.path) === '') errs.push(required(path.child('path')));
      errs.push(...validatePortNumOrName(action.port, path.child('port')));
      const scheme = str(action.scheme);
      if (scheme !== 'HTTP' && scheme !== 'HTTPS')
        errs.push(notSupported(path.child('scheme'), scheme, ['HTTP', 'HTTPS']));
      for (const header of records(action.httpHeaders)) {
        errs.push(...invalidEach(path.child('httpHeaders'), str(header.name), isHTTPHeaderName(str(header.name))));
      }
      return errs;
    }
    case 'tcpSocket':
      return validatePortNumOrName(action.port, path.child('port'));
    case 'grpc':
      return validatePortNumOrName(num(action.port), path.child('port'));
    case 'sleep': {
      const seconds = num(action.seconds);
      if (gracePeriod !== undefined && (seconds <= 0 || seconds > gracePeriod)) {
        return [
          invalidValue(
            path,
            seconds,
            `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`,
          ),
        ];
      }
      return [];
    }
  }
}

/** Exactly one of the allowed handler types. */
function validateHandler(
  handler: Json,
  allowed: readonly HandlerType[],
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const type of allowed) {
    const action = record(handler[type]);
    if (!action) continue;
    if (count > 0) {
      errs.push(forbiddenField(path.child(type), 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    errs.push(...validateHandlerAction(type, action, gracePeriod, path.child(type)));
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: Json, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errs = validateHandler(probe, ['exec', 'httpGet', 'tcpSocket', 'grpc'], gracePeriod, path);
  for (const field of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    errs.push(...validateNonnegative(num(probe[field]), path.child(field)));
  }
  const grace = optNum(probe.terminationGracePeriodSeconds);
  if (grace !== undefined && grace <= 0) {
    errs.push(invalidValue(path.child('terminationGracePeriodSeconds'), grace, 'must be greater than 0'));
  }
  return errs;
}

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

/** Validates container.<kind> when set. */
export function validateProbeOfKind(
  kind: ProbeKind,
  value: unknown,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  const probe = record(value);
  if (!probe) return [];
  const errs = validateProbe(probe, gracePeriod, path);
  if (kind === 'readinessProbe') {
    if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds !== null) {
      errs.push(
        invalidValue(
          path.child('terminationGracePeriodSeconds'),
          probe.terminationGracePeriodSeconds,
          'must not be set for readinessProbes',
        ),
      );
    }
  } else if (num(probe.successThreshold) !== 1) {
    errs.push(invalidValue(path.child('successThreshold'), num(probe.successThreshold), 'must be 1'));
  }
  return errs;
}

/** postStart and preStop hooks: exec, httpGet, tcpSocket or sleep. */
export function validateLifecycle(value: unknown, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const lifecycle = record(value) ?? {};
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    const handler = record(lifecycle[hook]);
    if (handler)
      errs.push(...validateHandler(handler, ['exec', 'httpGet', 'tcpSocket', 'sleep'], gracePeriod, path.child(hook)));
  }
  return errs;
}
