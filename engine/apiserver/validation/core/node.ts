// Nodes (ValidateNode, ValidateNodeUpdate): taints, resource quantities in status, pod CIDRs (one per IP family),
// and the spec fields the node controller sets once.

import { FieldPath, duplicate, forbiddenField, invalidValue } from '../../errors/field-error.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { list, record, records, recordOrEmpty, sortedKeys, str } from '../access.ts';
import type { Json } from '../access.ts';
import { isCIDR, isIPv6Address, validateCIDR } from '../ip.ts';
import { parseQuantity, validateResourceQuantityValue } from './quantities.ts';
import { validateTaints } from './scheduling.ts';

const METADATA = FieldPath.root('metadata');

function validateNodeResources(node: Json): FieldError[] {
  const errs: FieldError[] = [];
  const status = recordOrEmpty(node.status);
  for (const field of ['capacity', 'allocatable']) {
    const list_ = recordOrEmpty(status[field]);
    for (const name of sortedKeys(list_)) {
      const at = FieldPath.root('status').child(field, name);
      const q = parseQuantity(list_[name], at, errs);
      if (q) errs.push(...validateResourceQuantityValue(name, q, at));
    }
  }
  return errs;
}

function validatePodCIDRs(node: Json): FieldError[] {
  const cidrs = list(recordOrEmpty(node.spec).podCIDRs).map(str);
  if (cidrs.length === 0) return [];
  const path = FieldPath.root('spec').child('podCIDRs');
  const errs = cidrs.flatMap((cidr, i) => validateCIDR(path.index(i), cidr));
  if (cidrs.length > 1) {
    const valid = cidrs.every(isCIDR);
    const families = new Set(cidrs.map((c) => (isIPv6Address(c.split('/')[0] ?? '') ? 6 : 4)));
    if (valid && (families.size !== 2 || cidrs.length > 2))
      errs.push(invalidValue(path, cidrs, 'may specify no more than one CIDR for each IP family'));
    const seen = new Set<string>();
    cidrs.forEach((cidr, i) => {
      if (seen.has(cidr)) errs.push(duplicate(path.index(i), cidr));
      seen.add(cidr);
    });
  }
  return errs;
}

export function validateNode(node: Json): FieldError[] {
  const errs: FieldError[] = [];
  const spec = recordOrEmpty(node.spec);
  if (list(spec.taints).length > 0) errs.push(...validateTaints(spec.taints, METADATA.child('taints')));
  errs.push(...validateNodeResources(node));
  errs.push(...validatePodCIDRs(node));
  return errs;
}

export function validateNodeUpdate(node: Json, old: Json): FieldError[] {
  const errs = validateNodeResources(node);
  const spec = recordOrEmpty(node.spec);
  const oldSpec = recordOrEmpty(old.spec);
  const seen = new Set<string>();
  records(recordOrEmpty(node.status).addresses).forEach((address, i) => {
    const key = `${str(address.type)}/${str(address.address)}`;
    if (seen.has(key)) errs.push(duplicate(FieldPath.root('status').child('addresses').index(i), address));
    seen.add(key);
  });
  const oldCIDRs = list(oldSpec.podCIDRs).map(str);
  const cidrs = list(spec.podCIDRs).map(str);
  const cidrsMessage = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== cidrs.length)
      errs.push(forbiddenField(FieldPath.root('spec').child('podCIDRs'), cidrsMessage));
    else
      oldCIDRs.forEach(
        (cidr, i) =>
          cidr !== cidrs[i] && errs.push(forbiddenField(FieldPath.root('spec').child('podCIDRs'), cidrsMessage)),
      );
  }
  if (str(oldSpec.providerID) !== '' && str(oldSpec.providerID) !== str(spec.providerID)) {
    errs.push(
      forbiddenField(
        FieldPath.root('spec').child('providerID'),
        'node updates may not change providerID except from "" to valid',
      ),
    );
  }
  if (list(spec.taints).length > 0) errs.push(...validateTaints(spec.taints, METADATA.child('taints')));
  if (str(spec.externalID) !== str(oldSpec.externalID))
    errs.push(forbiddenField(FieldPath.root('spec').child('externalID'), 'may not be updated'));
  if (record(spec.configSource) && !record(record(spec.configSource)?.configMap)) {
    errs.push(
      invalidValue(
        FieldPath.root('spec').child('configSource'),
        spec.configSource,
        'exactly one reference subfield must be non-nil',
      ),
    );
  }
  return errs;
}
