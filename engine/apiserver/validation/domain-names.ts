// Domain-shaped values (k8s.io/apimachinery/pkg/util/validation): wildcard host names ("*.example.com"),
// domain-prefixed paths ("example.com/controller"), fully qualified domain names and names with at least three
// segments (webhook names), and single-family IP addresses — each reported as field errors with upstream's texts.

import { invalidValue, required } from '../errors/field-error.ts';
import type { FieldError, FieldPath } from '../errors/field-error.ts';
import { isIPAddress, isIPv6Address } from './ip.ts';
import { maxLenError, regexError } from './messages.ts';
import { isDNS1123Label, isDNS1123Subdomain } from './names.ts';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const WILDCARD_DNS1123_SUBDOMAIN_FMT = `\\*\\.${DNS1123_SUBDOMAIN_FMT}`;
const WILDCARD_DNS1123_SUBDOMAIN_ERR =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";
const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";

const wildcardSubdomain = new RegExp(`^${WILDCARD_DNS1123_SUBDOMAIN_FMT}$`);
const httpPath = new RegExp(`^${HTTP_PATH_FMT}$`);

/** "*.example.com": a '*.' and a DNS subdomain. */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!wildcardSubdomain.test(value)) {
    errs.push(regexError(WILDCARD_DNS1123_SUBDOMAIN_ERR, WILDCARD_DNS1123_SUBDOMAIN_FMT, '*.example.com'));
  }
  return errs;
}

/** "acme.io/foo": a DNS subdomain, a '/', and an HTTP path. */
export function validateDomainPrefixedPath(path: FieldPath, value: string): FieldError[] {
  if (value === '') return [required(path)];
  const slash = value.indexOf('/');
  const host = slash < 0 ? value : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  if (slash < 0 || host === '' || rest === '') {
    return [invalidValue(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  }
  const errs = isDNS1123Subdomain(host).map((msg) => invalidValue(path, host, msg));
  if (!httpPath.test(rest)) errs.push(invalidValue(path, rest, regexError('Invalid path', HTTP_PATH_FMT)));
  return errs;
}

/** A DNS subdomain of at least `segments` dot-separated labels; a trailing dot is ignored when `allowTrailingDot`. */
function validateDottedName(
  path: FieldPath,
  value: string,
  segments: number,
  detail: string,
  allowTrailingDot: boolean,
): FieldError[] {
  if (value === '') return [required(path)];
  const name = allowTrailingDot && value.endsWith('.') ? value.slice(0, -1) : value;
  const subdomainErrs = isDNS1123Subdomain(name);
  if (subdomainErrs.length > 0) return [invalidValue(path, name, subdomainErrs.join(','))];
  const labels = name.split('.');
  if (labels.length < segments) return [invalidValue(path, name, detail)];
  if (!allowTrailingDot) return [];
  for (const label of labels) {
    const labelErrs = isDNS1123Label(label);
    if (labelErrs.length > 0) return [invalidValue(path, label, labelErrs.join(','))];
  }
  return [];
}

/** IsFullyQualifiedDomainName: "example.com" (two segments or more). */
export function validateFullyQualifiedDomainName(path: FieldPath, value: string): FieldError[] {
  return validateDottedName(path, value, 2, 'should be a domain with at least two segments separated by dots', true);
}

/** IsFullyQualifiedName: "webhook.example.com" (three segments or more), as webhook names must be. */
export function validateFullyQualifiedName(path: FieldPath, value: string): FieldError[] {
  return validateDottedName(path, value, 3, 'should be a domain with at least three segments separated by dots', false);
}

export function validateIPv4Address(path: FieldPath, value: string): FieldError[] {
  return isIPAddress(value) && !isIPv6Address(value) ? [] : [invalidValue(path, value, 'must be a valid IPv4 address')];
}

export function validateIPv6Address(path: FieldPath, value: string): FieldError[] {
  return isIPv6Address(value) ? [] : [invalidValue(path, value, 'must be a valid IPv6 address')];
}
