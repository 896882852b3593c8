// The apiregistration.k8s.io group (kube-aggregator pkg/apis/apiregistration/validation): APIServices are named
// <version>.<group>, name a valid group (empty only for the legacy v1) and version, have priorities in range, and
// either are local (no CA bundle, no skipping TLS verification) or point at a Service on a valid port.

import { FieldPath, invalidValue, notSupported, required } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { num, optNum, record, records, recordOrEmpty, str } from './access.ts';
import type { Json } from './access.ts';
import { isValidPortNum } from './formats.ts';
import { isDNS1035Label, isDNS1123Subdomain } from './names.ts';
import { isValidPathSegmentName } from './path-segment-name.ts';

const SPEC = FieldPath.root('spec');
const CONDITION_STATUSES = ['True', 'False', 'Unknown'];

export function validateAPIService(apiService: Json): FieldError[] {
  const spec = recordOrEmpty(apiService.spec);
  const group = str(spec.group);
  const version = str(spec.version);
  const errs: FieldError[] = [];
  const name = str(recordOrEmpty(apiService.metadata).name);
  const requiredName = `${version}.${group}`;
  if (isValidPathSegmentName(name).length === 0 && name !== requiredName) {
    errs.push(
      invalidValue(
        FieldPath.root('metadata').child('name'),
        name,
        `must be \`spec.version+"."+spec.group\`: ${JSON.stringify(requiredName)}`,
      ),
    );
  }
  if (group === '' && version !== 'v1')
    errs.push(required(SPEC.child('group'), 'only v1 may have an empty group and it better be legacy kube'));
  if (group !== '')
    for (const msg of isDNS1123Subdomain(group)) errs.push(invalidValue(SPEC.child('group'), group, msg));
  for (const msg of isDNS1035Label(version)) errs.push(invalidValue(SPEC.child('version'), version, msg));
  const groupPriority = num(spec.groupPriorityMinimum);
  if (groupPriority <= 0 || groupPriority > 20000)
    errs.push(invalidValue(SPEC.child('groupPriorityMinimum'), groupPriority, 'must be positive and less than 20000'));
  const versionPriority = num(spec.versionPriority);
  if (versionPriority <= 0 || versionPriority > 1000)
    errs.push(invalidValue(SPEC.child('versionPriority'), versionPriority, 'must be positive and less than 1000'));
  const caBundle = str(spec.caBundle);
  const service = record(spec.service);
  if (!service) {
    if (caBundle !== '')
      errs.push(
        invalidValue(
          SPEC.child('caBundle'),
          `${Buffer.from(caBundle, 'base64').length} bytes`,
          'local APIServices may not have a caBundle',
        ),
      );
    if (spec.insecureSkipTLSVerify === true)
      errs.push(
        invalidValue(SPEC.child('insecureSkipTLSVerify'), true, 'local APIServices may not have insecureSkipTLSVerify'),
      );
    return errs;
  }
  if (str(service.namespace) === '') errs.push(required(SPEC.child('service', 'namespace')));
  if (str(service.name) === '') errs.push(required(SPEC.child('service', 'name')));
  const port = optNum(service.port) ?? 443;
  const portErrs = isValidPortNum(port);
  if (portErrs.length > 0)
    errs.push(invalidValue(SPEC.child('service', 'port'), port, `port is not valid: ${portErrs.join(', ')}`));
  if (spec.insecureSkipTLSVerify === true && caBundle !== '') {
    errs.push(invalidValue(SPEC.child('insecureSkipTLSVerify'), true, 'may not be true if caBundle is present'));
  }
  return errs;
}

export function validateAPIServiceStatus(apiService: Json): FieldError[] {
  const path = FieldPath.root('status').child('conditions');
  return records(recordOrEmpty(apiService.status).conditions).flatMap((condition, i) =>
    CONDITION_STATUSES.includes(str(condition.status))
      ? []
      : [notSupported(path.index(i).child('status'), str(condition.status), CONDITION_STATUSES)],
  );
}
