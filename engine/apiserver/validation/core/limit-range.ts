// LimitRanges (ValidateLimitRange): one item per limit type, valid resource names per type, and min ≤ default
// request ≤ default ≤ max with a max/request ratio of at least 1. Errors carry the quantities themselves, as upstream's.

import { FieldPath, duplicate, forbiddenField, invalidValue, required } from '../../errors/field-error.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { records, recordOrEmpty, str } from '../access.ts';
import type { Json } from '../access.ts';
import type { Quantity } from '../../../api/quantity.ts';
import { parseResourceList, tryQuantity } from './quantities.ts';
import { isOvercommitAllowed, validateLimitRangeResourceName, validateLimitRangeTypeName } from './resource-names.ts';

const ONE = tryQuantity('1');

/** Go's %f: six decimals. */
function formatFloat(value: number): string {
  return Number.isFinite(value) ? value.toFixed(6) : value > 0 ? '+Inf' : 'NaN';
}

export function validateLimitRange(limitRange: Json): FieldError[] {
  const errs: FieldError[] = [];
  const types = new Set<string>();
  const limitsPath = FieldPath.root('spec').child('limits');
  records(recordOrEmpty(limitRange.spec).limits).forEach((item, i) => {
    const at = limitsPath.index(i);
    const type = str(item.type);
    errs.push(...validateLimitRangeTypeName(type, at.child('type')));
    if (types.has(type)) errs.push(duplicate(at.child('type'), type));
    types.add(type);
    const lists: Record<string, Map<string, Quantity>> = {};
    const fields =
      type === 'Pod'
        ? ['max', 'min', 'maxLimitRequestRatio']
        : ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'];
    for (const field of fields) {
      const parsed = parseResourceList(item[field], at.child(field), errs);
      for (const name of parsed.keys())
        errs.push(...validateLimitRangeResourceName(type, name, at.child(field).key(name)));
      lists[field] = parsed;
    }
    if (type === 'Pod') {
      for (const field of ['default', 'defaultRequest']) {
        if (Object.keys(recordOrEmpty(item[field])).length > 0)
          errs.push(forbiddenField(at.child(field), "may not be specified when `type` is 'Pod'"));
      }
    }
    const get = (field: string): Map<string, Quantity> => lists[field] ?? new Map<string, Quantity>();
    if (type === 'PersistentVolumeClaim' && !get('min').has('storage') && !get('max').has('storage')) {
      errs.push(
        required(at.child('limits'), 'either minimum or maximum storage value is required, but neither was provided'),
      );
    }
    const keys = [...new Set(Object.values(lists).flatMap((m) => [...m.keys()]))].sort();
    for (const k of keys) {
      const min = get('min').get(k);
      const max = get('max').get(k);
      const def = get('default').get(k);
      const defReq = get('defaultRequest').get(k);
      const ratio = get('maxLimitRequestRatio').get(k);
      if (min && max && min.cmp(max) > 0)
        errs.push(
          invalidValue(
            at.child('min').key(k),
            min,
            `min value ${min.toString()} is greater than max value ${max.toString()}`,
          ),
        );
      if (defReq && min && min.cmp(defReq) > 0) {
        errs.push(
          invalidValue(
            at.child('defaultRequest').key(k),
            defReq,
            `min value ${min.toString()} is greater than default request value ${defReq.toString()}`,
          ),
        );
      }
      if (defReq && max && defReq.cmp(max) > 0) {
        errs.push(
          invalidValue(
            at.child('defaultRequest').key(k),
            defReq,
            `default request value ${defReq.toString()} is greater than max value ${max.toString()}`,
          ),
        );
      }
      if (defReq && def && defReq.cmp(def) > 0) {
        errs.push(
          invalidValue(
            at.child('defaultRequest').key(k),
            defReq,
            `default request value ${defReq.toString()} is greater than default limit value ${def.toString()}`,
          ),
        );
      }
      if (def && min && min.cmp(def) > 0)
        errs.push(
          invalidValue(
            at.child('default').key(k),
            min,
            `min value ${min.toString()} is greater than default value ${def.toString()}`,
          ),
        );
      if (def && max && def.cmp(max) > 0)
        errs.push(
          invalidValue(
            at.child('default').key(k),
            max,
            `default value ${def.toString()} is greater than max value ${max.toString()}`,
          ),
        );
      if (ratio && ONE && ratio.cmp(ONE) < 0)
        errs.push(
          invalidValue(at.child('maxLimitRequestRatio').key(k), ratio, `ratio ${ratio.toString()} is less than 1`),
        );
      if (ratio && min && max) {
        const limit = max.milliValue() / min.milliValue();
        if (ratio.milliValue() / 1000 > limit) {
          errs.push(
            invalidValue(
              at.child('maxLimitRequestRatio').key(k),
              ratio,
              `ratio ${ratio.toString()} is greater than max/min = ${formatFloat(limit)}`,
            ),
          );
        }
      }
      if (!isOvercommitAllowed(k) && def && defReq && def.cmp(defReq) !== 0) {
        errs.push(
          invalidValue(
            at.child('defaultRequest').key(k),
            defReq,
            `default value ${def.toString()} must equal to defaultRequest value ${defReq.toString()} in ${k}`,
          ),
        );
      }
    }
  });
  return errs;
}
