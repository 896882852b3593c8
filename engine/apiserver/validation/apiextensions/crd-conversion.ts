// spec.conversion of a CRD (validateCustomResourceConversion): None, or Webhook with exactly one of a URL or a
// Service and a ConversionReview version this API server understands. Paths use upstream's internal names
// (conversion.webhookClientConfig, conversion.conversionReviewVersions), as its messages do.

import { forbiddenField, invalidValue, notSupported, required } from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';
import { list, record, str } from '../access.ts';
import type { Json } from '../access.ts';
import { isDNS1035Label } from '../names.ts';
import { validateWebhookService, validateWebhookURL } from '../webhook-client.ts';

const STRATEGIES = ['None', 'Webhook'];
const ACCEPTED_REVIEW_VERSIONS = ['v1', 'v1beta1'];

function validateReviewVersions(versions: string[], requireRecognized: boolean, path: FieldPath): FieldError[] {
  if (versions.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  versions.forEach((v, i) => {
    if (seen.has(v)) {
      errs.push(invalidValue(path.index(i), v, 'duplicate version'));
      return;
    }
    seen.add(v);
    for (const msg of isDNS1035Label(v)) errs.push(invalidValue(path.index(i), v, msg));
  });
  if (requireRecognized && !versions.some((v) => ACCEPTED_REVIEW_VERSIONS.includes(v))) {
    errs.push(invalidValue(path, versions, `must include at least one of ${ACCEPTED_REVIEW_VERSIONS.join(', ')}`));
  }
  return errs;
}

/** Whether a stored CRD's review versions include a recognized one (or none are given). */
export function hasRecognizedReviewVersion(conversion: unknown): boolean {
  const versions = list(record(record(conversion)?.webhook)?.conversionReviewVersions).map(str);
  return versions.length === 0 || versions.some((v) => ACCEPTED_REVIEW_VERSIONS.includes(v));
}

export function validateCRDConversion(
  conversion: Json | undefined,
  requireRecognizedReviewVersion: boolean,
  path: FieldPath,
): FieldError[] {
  if (!conversion) return [];
  const strategy = str(conversion.strategy);
  const errs: FieldError[] = [];
  if (strategy === '') errs.push(required(path.child('strategy')));
  else if (!STRATEGIES.includes(strategy)) errs.push(notSupported(path.child('strategy'), strategy, STRATEGIES));
  const webhook = record(conversion.webhook);
  const clientConfig = record(webhook?.clientConfig);
  const reviewVersions = list(webhook?.conversionReviewVersions).map(str);
  const clientPath = path.child('webhookClientConfig');
  if (strategy === 'Webhook') {
    if (!clientConfig) {
      errs.push(required(clientPath, 'required when strategy is set to Webhook'));
    } else {
      const url = clientConfig.url;
      const service = record(clientConfig.service);
      if ((typeof url === 'string') === (service !== undefined))
        errs.push(required(clientPath, 'exactly one of url or service is required'));
      else if (typeof url === 'string') errs.push(...validateWebhookURL(clientPath.child('url'), url, true));
      else if (service) {
        const port = typeof service.port === 'number' ? service.port : 443;
        const servicePath = typeof service.path === 'string' ? service.path : undefined;
        errs.push(
          ...validateWebhookService(clientPath.child('service'), {
            namespace: str(service.namespace),
            name: str(service.name),
            path: servicePath,
            port,
          }),
        );
      }
    }
    errs.push(
      ...validateReviewVersions(reviewVersions, requireRecognizedReviewVersion, path.child('conversionReviewVersions')),
    );
  } else {
    if (clientConfig) errs.push(forbiddenField(clientPath, 'should not be set when strategy is not set to Webhook'));
    if (reviewVersions.length > 0)
      errs.push(
        forbiddenField(path.child('conversionReviewVersions'), 'should not be set when strategy is not set to Webhook'),
      );
  }
  return errs;
}
