// A container's resources (ValidateContainerResourceRequirements): standard or extended resource names, valid
// quantities, requests not above limits (and equal to them for resources that cannot be overcommitted, such as
// extended resources and hugepages), hugepages only alongside cpu or memory, and claims naming pod resource claims.

import { FieldError, duplicate, forbiddenField, invalidValue, required } from '../../errors/field-error.ts';
import type { FieldPath } from '../../errors/field-error.ts';
import { record, records, str } from '../access.ts';
import { validateDNS1123Label } from '../generic.ts';
import { parseResourceList, validateResourceQuantityValue } from './quantities.ts';
import { isHugePageResourceName, isOvercommitAllowed, validateContainerResourceName } from './resource-names.ts';

const QOS_RESOURCES = new Set(['cpu', 'memory']);

function validateResourceClaims(claims: unknown, podClaimNames: ReadonlySet<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  records(claims).forEach((claim, i) => {
    const name = str(claim.name);
    const at = path.index(i);
    if (name === '') {
      errs.push(required(at));
      return;
    }
    const request = str(claim.request);
    if (seen.has(name)) {
      errs.push(duplicate(at, name));
    } else {
      let key = name;
      if (request !== '') {
        errs.push(...validateDNS1123Label(request, at.child('request')));
        key += `/${request}`;
      }
      if (seen.has(key)) errs.push(duplicate(at, key));
      else if (request === '' && [...seen].some((k) => k.startsWith(`${name}/`))) errs.push(duplicate(at, name));
      seen.add(key);
    }
    if (!podClaimNames.has(name)) {
      const names = [...podClaimNames].sort();
      const detail = `must be one of the names in pod.spec.resourceClaims${names.length ? `: ${names.join(', ')}` : ' which is empty'}`;
      errs.push(new FieldError('FieldValueNotFound', at.toString(), name, detail, false));
    }
  });
  return errs;
}

export function validateContainerResources(
  resources: unknown,
  podClaimNames: ReadonlySet<string>,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const res = record(resources) ?? {};
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  const limits = parseResourceList(res.limits, limPath, errs);
  const requests = parseResourceList(res.requests, reqPath, errs);
  let limitsCpuOrMemory = false;
  let requestsCpuOrMemory = false;
  let hugePages = false;
  for (const [name, q] of limits) {
    const at = limPath.key(name);
    errs.push(...validateContainerResourceName(name, at));
    errs.push(...validateResourceQuantityValue(name, q, at));
    if (isHugePageResourceName(name)) hugePages = true;
    if (QOS_RESOURCES.has(name)) limitsCpuOrMemory = true;
  }
  for (const [name, q] of requests) {
    const at = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, at));
    errs.push(...validateResourceQuantityValue(name, q, at));
    const limit = limits.get(name);
    if (limit) {
      if (q.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalidValue(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (q.cmp(limit) > 0) {
        errs.push(
          invalidValue(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`),
        );
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) hugePages = true;
    if (QOS_RESOURCES.has(name)) requestsCpuOrMemory = true;
  }
  if (hugePages && !limitsCpuOrMemory && !requestsCpuOrMemory)
    errs.push(forbiddenField(path, 'HugePages require cpu or memory'));
  errs.push(...validateResourceClaims(res.claims, podClaimNames, path.child('claims')));
  return errs;
}
