// The flowcontrol.apiserver.k8s.io group (pkg/apis/flowcontrol/validation), in its essentials: a FlowSchema
// references a priority level, has a matching precedence from 1 (the "exempt" schema only) to 10000 and a known
// distinguisher; a PriorityLevelConfiguration is Exempt or Limited with the matching section and limit response.
// Rules, subjects and queuing parameters are not checked.

import { FieldPath, duplicate, forbiddenField, invalidValue, notSupported, required } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { num, optNum, record, records, recordOrEmpty, str } from './access.ts';
import type { Json } from './access.ts';
import { invalidEach } from './generic.ts';
import { nameIsDNSSubdomain } from './names.ts';

const SPEC = FieldPath.root('spec');
const MAX_MATCHING_PRECEDENCE = 10000;
const DISTINGUISHER_METHODS = ['ByNamespace', 'ByUser'];
const ENABLEMENTS = ['Exempt', 'Limited'];
const LIMIT_RESPONSE_TYPES = ['Queue', 'Reject'];

export function validateFlowSchema(flowSchema: Json): FieldError[] {
  const spec = recordOrEmpty(flowSchema.spec);
  const errs: FieldError[] = [];
  const precedence = num(spec.matchingPrecedence);
  if (precedence <= 0)
    errs.push(invalidValue(SPEC.child('matchingPrecedence'), precedence, 'must be a positive value'));
  if (precedence > MAX_MATCHING_PRECEDENCE)
    errs.push(
      invalidValue(SPEC.child('matchingPrecedence'), precedence, `must not be greater than ${MAX_MATCHING_PRECEDENCE}`),
    );
  if (precedence === 1 && str(recordOrEmpty(flowSchema.metadata).name) !== 'exempt') {
    errs.push(
      invalidValue(
        SPEC.child('matchingPrecedence'),
        precedence,
        "only the schema named 'exempt' may have matchingPrecedence 1",
      ),
    );
  }
  const distinguisher = record(spec.distinguisherMethod);
  if (distinguisher && !DISTINGUISHER_METHODS.includes(str(distinguisher.type))) {
    errs.push(notSupported(SPEC.child('distinguisherMethod', 'type'), str(distinguisher.type), DISTINGUISHER_METHODS));
  }
  const level = str(recordOrEmpty(spec.priorityLevelConfiguration).name);
  const levelPath = SPEC.child('priorityLevelConfiguration', 'name');
  if (level === '') errs.push(required(levelPath, 'must reference a priority level'));
  else errs.push(...invalidEach(levelPath, level, nameIsDNSSubdomain(level, false)));
  return errs;
}

function validateLimited(limited: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const shares = optNum(limited.nominalConcurrencyShares);
  if (shares !== undefined && shares < 0)
    errs.push(invalidValue(path.child('nominalConcurrencyShares'), shares, 'must be a non-negative integer'));
  const lendable = optNum(limited.lendablePercent);
  if (lendable !== undefined && (lendable < 0 || lendable > 100)) {
    errs.push(invalidValue(path.child('lendablePercent'), lendable, 'must be between 0 and 100, inclusive'));
  }
  const response = recordOrEmpty(limited.limitResponse);
  const type = str(response.type);
  if (!LIMIT_RESPONSE_TYPES.includes(type))
    errs.push(notSupported(path.child('limitResponse', 'type'), type, LIMIT_RESPONSE_TYPES));
  if (type === 'Reject' && record(response.queuing))
    errs.push(
      forbiddenField(
        path.child('limitResponse', 'queuing'),
        'must be nil if limited.limitResponse.type is not Limited',
      ),
    );
  if (type === 'Queue' && !record(response.queuing))
    errs.push(
      required(path.child('limitResponse', 'queuing'), 'must not be empty if limited.limitResponse.type is Limited'),
    );
  return errs;
}

export function validatePriorityLevelConfiguration(plc: Json): FieldError[] {
  const spec = recordOrEmpty(plc.spec);
  const type = str(spec.type);
  const errs: FieldError[] = [];
  if (type === 'Exempt') {
    if (record(spec.limited))
      errs.push(forbiddenField(SPEC.child('limited'), 'must be nil if the type is not Limited'));
  } else if (type === 'Limited') {
    if (record(spec.exempt)) errs.push(forbiddenField(SPEC.child('exempt'), 'must be nil if the type is Limited'));
    const limited = record(spec.limited);
    if (!limited) errs.push(required(SPEC.child('limited'), 'must not be empty when type is Limited'));
    else errs.push(...validateLimited(limited, SPEC.child('limited')));
  } else {
    errs.push(notSupported(SPEC.child('type'), type, ENABLEMENTS));
  }
  return errs;
}

/** The status of a FlowSchema or PriorityLevelConfiguration: conditions of unique, non-empty types. */
export function validateFlowControlStatus(obj: Json): FieldError[] {
  const path = FieldPath.root('status').child('conditions');
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  records(recordOrEmpty(obj.status).conditions).forEach((condition, i) => {
    const type = str(condition.type);
    if (seen.has(type)) errs.push(duplicate(path.index(i).child('type'), type));
    seen.add(type);
    if (type === '') errs.push(required(path.index(i).child('type'), 'must not be empty'));
  });
  return errs;
}
