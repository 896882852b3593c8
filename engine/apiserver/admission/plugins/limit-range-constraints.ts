// The bounds a LimitRange item sets (plugin/pkg/admission/limitranger minConstraint, maxConstraint,
// maxRequestConstraint, limitRequestRatioConstraint): each checks one resource of a request and limit list against
// one enforced quantity and says what is wrong in upstream's words, or nothing. Values are compared in milli-units
// when all of them fit, as upstream compares int64s.

import type { Quantity } from '../../../api/quantity.ts';
import { ZERO_QUANTITY } from '../../validation/core/quantities.ts';
import type { ResourceList } from './resource-lists.ts';

/** resource.MaxMilliValue: the largest value whose milli-value fits an int64 (float precision is enough here). */
const MAX_MILLI_VALUE = 2 ** 63 / 1000;

/** requestLimitEnforcedValues: the three values at a common precision. */
function comparable(request: Quantity, limit: Quantity, enforced: Quantity): [number, number, number] {
  const values: [Quantity, Quantity, Quantity] = [request, limit, enforced];
  if (values.every((q) => q.value() <= MAX_MILLI_VALUE)) {
    return [request.milliValue(), limit.milliValue(), enforced.milliValue()];
  }
  return [request.value(), limit.value(), enforced.value()];
}

export function minConstraint(
  limitType: string,
  resource: string,
  enforced: Quantity,
  requests: ResourceList,
  limits: ResourceList,
): string | undefined {
  const request = requests.get(resource);
  const limit = limits.get(resource);
  const [req, lim, min] = comparable(request ?? ZERO_QUANTITY, limit ?? ZERO_QUANTITY, enforced);
  const prefix = `minimum ${resource} usage per ${limitType} is ${enforced.toString()}`;
  if (!request) return `${prefix}.  No request is specified`;
  if (req < min) return `${prefix}, but request is ${request.toString()}`;
  if (limit && lim < min) return `${prefix}, but limit is ${limit.toString()}`;
  return undefined;
}

export function maxConstraint(
  limitType: string,
  resource: string,
  enforced: Quantity,
  requests: ResourceList,
  limits: ResourceList,
): string | undefined {
  const request = requests.get(resource);
  const limit = limits.get(resource);
  const [req, lim, max] = comparable(request ?? ZERO_QUANTITY, limit ?? ZERO_QUANTITY, enforced);
  const prefix = `maximum ${resource} usage per ${limitType} is ${enforced.toString()}`;
  if (!limit) return `${prefix}.  No limit is specified`;
  if (lim > max) return `${prefix}, but limit is ${limit.toString()}`;
  if (request && req > max) return `${prefix}, but request is ${request.toString()}`;
  return undefined;
}

/** The maximum for kinds without limits (claims): only the request counts. */
export function maxRequestConstraint(
  limitType: string,
  resource: string,
  enforced: Quantity,
  requests: ResourceList,
): string | undefined {
  const request = requests.get(resource);
  const [req, , max] = comparable(request ?? ZERO_QUANTITY, ZERO_QUANTITY, enforced);
  const prefix = `maximum ${resource} usage per ${limitType} is ${enforced.toString()}`;
  if (!request) return `${prefix}.  No request is specified`;
  if (req > max) return `${prefix}, but request is ${request.toString()}`;
  return undefined;
}

export function limitRequestRatioConstraint(
  limitType: string,
  resource: string,
  enforced: Quantity,
  requests: ResourceList,
  limits: ResourceList,
): string | undefined {
  const request = requests.get(resource);
  const limit = limits.get(resource);
  const [req, lim] = comparable(request ?? ZERO_QUANTITY, limit ?? ZERO_QUANTITY, enforced);
  const prefix = `${resource} max limit to request ratio per ${limitType} is ${enforced.toString()}`;
  if (!request || req === 0) return `${prefix}, but no request is specified or request is 0`;
  if (!limit || lim === 0) return `${prefix}, but no limit is specified or limit is 0`;
  const ratio = lim / req;
  const inMilli = enforced.value() <= MAX_MILLI_VALUE;
  const observed = inMilli ? ratio * 1000 : ratio;
  const allowed = inMilli ? enforced.milliValue() : enforced.value();
  // Go's %f: six decimal places.
  if (observed > allowed) return `${prefix}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}
