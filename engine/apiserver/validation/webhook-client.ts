// Where the API server calls a webhook (k8s.io/apiserver/pkg/util/webhook): an https URL without user, query or
// fragment, or an in-cluster Service with a valid port and a path of DNS-subdomain segments. Used by admission
// webhooks and by CRD conversion webhooks.

import { invalidValue, required } from '../errors/field-error.ts';
import type { FieldError, FieldPath } from '../errors/field-error.ts';
import { isValidPortNum } from './formats.ts';
import { isDNS1123Subdomain } from './names.ts';

const URL_FORM = '; desired format: https://host[/path]';

interface ParsedURL {
  scheme: string;
  user?: string;
  host: string;
  query: string;
  fragment: string;
}

/** Splits a URL the way Go's url.Parse does for the parts the check looks at. */
function parseURL(text: string): ParsedURL {
  let rest = text;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let scheme = '';
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (schemeMatch?.[1]) {
    scheme = schemeMatch[1].toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  }
  let query = '';
  const question = rest.indexOf('?');
  if (question >= 0) {
    query = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  let host = '';
  let user: string | undefined;
  if (rest.startsWith('//')) {
    const authorityEnd = rest.indexOf('/', 2);
    let authority = authorityEnd < 0 ? rest.slice(2) : rest.slice(2, authorityEnd);
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      user = authority.slice(0, at);
      authority = authority.slice(at + 1);
    }
    host = authority;
  }
  return { scheme, user, host, query, fragment };
}

export function validateWebhookURL(path: FieldPath, url: string, forceHttps: boolean): FieldError[] {
  const u = parseURL(url);
  const errs: FieldError[] = [];
  if (forceHttps && u.scheme !== 'https')
    errs.push(invalidValue(path, u.scheme, `'https' is the only allowed URL scheme${URL_FORM}`));
  if (u.host === '') errs.push(invalidValue(path, u.host, `host must be specified${URL_FORM}`));
  if (u.user !== undefined) errs.push(invalidValue(path, u.user, 'user information is not permitted in the URL'));
  if (u.fragment !== '') errs.push(invalidValue(path, u.fragment, 'fragments are not permitted in the URL'));
  if (u.query !== '') errs.push(invalidValue(path, u.query, 'query parameters are not permitted in the URL'));
  return errs;
}

export interface WebhookService {
  namespace: string;
  name: string;
  path?: string;
  port: number;
}

export function validateWebhookService(path: FieldPath, service: WebhookService): FieldError[] {
  const errs: FieldError[] = [];
  if (service.name === '') errs.push(required(path.child('name'), 'service name is required'));
  if (service.namespace === '') errs.push(required(path.child('namespace'), 'service namespace is required'));
  const portErrs = isValidPortNum(service.port);
  if (portErrs.length > 0)
    errs.push(invalidValue(path.child('port'), service.port, `port is not valid: ${portErrs.join(', ')}`));
  const urlPath = service.path;
  if (urlPath === undefined || urlPath === '/' || urlPath === '') return errs;
  const at = path.child('path');
  if (urlPath === '//') return [...errs, invalidValue(at, urlPath, 'segment[0] may not be empty')];
  if (!urlPath.startsWith('/')) errs.push(invalidValue(at, urlPath, "must start with a '/'"));
  let toCheck = urlPath.slice(1);
  if (toCheck.endsWith('/')) toCheck = toCheck.slice(0, -1);
  toCheck.split('/').forEach((step, i) => {
    if (step === '') {
      errs.push(invalidValue(at, urlPath, `segment[${i}] may not be empty`));
      return;
    }
    for (const failure of isDNS1123Subdomain(step)) errs.push(invalidValue(at, urlPath, `segment[${i}]: ${failure}`));
  });
  return errs;
}
