// The networking.k8s.io group (pkg/apis/networking/validation): Ingress rules, paths and backends, TLS hosts and
// the load-balancer status; IngressClass controllers and parameter references; NetworkPolicy ports, peers and
// ipBlocks. Messages and field paths are upstream's, as kubectl users see them.

import { BlockList } from 'node:net';

import { FieldPath, forbiddenField, invalidValue, notSupported, required, tooLong } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { isRecord, list, optNum, record, records, recordOrEmpty, str, stringMap } from './access.ts';
import type { Json } from './access.ts';
import { isWildcardDNS1123Subdomain, validateDomainPrefixedPath } from './domain-names.ts';
import { isValidPortName, isValidPortNum } from './formats.ts';
import { invalidEach, validateImmutableField } from './generic.ts';
import { isCIDR, isIPAddress, validateCIDR, validateIP } from './ip.ts';
import { validateLabelSelector } from './label-selector.ts';
import type { LabelSelectorOptions } from './label-selector.ts';
import { isDNS1123Subdomain, nameIsDNS1035Label, nameIsDNSSubdomain, validateNamespaceName } from './names.ts';
import { isValidPathSegmentName } from './path-segment-name.ts';

const SPEC = FieldPath.root('spec');
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const MAX_CONTROLLER_LENGTH = 250;
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const PARAMETER_SCOPES = ['Cluster', 'Namespace'];
const POLICY_PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];

interface IngressOptions {
  allowInvalidSecretName: boolean;
  allowInvalidWildcardHostRule: boolean;
}

// ---- Ingress -------------------------------------------------------------------------------------------------

/** A reference to a resource backend or to IngressClass parameters: kind and name are path segments. */
function validateTypedReference(ref: Json, path: FieldPath, errs: FieldError[]): void {
  if (typeof ref.apiGroup === 'string')
    errs.push(...invalidEach(path.child('apiGroup'), ref.apiGroup, isDNS1123Subdomain(ref.apiGroup)));
  for (const field of ['kind', 'name']) {
    const value = str(ref[field]);
    if (value === '') errs.push(required(path.child(field)));
    else errs.push(...invalidEach(path.child(field), value, isValidPathSegmentName(value)));
  }
}

function validateServiceBackend(service: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(service.name);
  if (name === '') errs.push(required(path.child('service', 'name')));
  else errs.push(...invalidEach(path.child('service', 'name'), name, nameIsDNS1035Label(name, false)));
  const port = recordOrEmpty(service.port);
  const portName = str(port.name);
  const portNumber = optNum(port.number) ?? 0;
  if (portName !== '' && portNumber !== 0) errs.push(invalidValue(path, '', 'cannot set both port name & port number'));
  else if (portName !== '')
    errs.push(...invalidEach(path.child('service', 'port', 'name'), portName, isValidPortName(portName)));
  else if (portNumber !== 0)
    errs.push(...invalidEach(path.child('service', 'port', 'number'), portNumber, isValidPortNum(portNumber)));
  else errs.push(required(path, 'port name or number is required'));
  return errs;
}

function validateIngressBackend(backend: Json, path: FieldPath): FieldError[] {
  const resource = record(backend.resource);
  const service = record(backend.service);
  if (resource && service) return [invalidValue(path, '', 'cannot set both resource and service backends')];
  if (resource) {
    const errs: FieldError[] = [];
    validateTypedReference(resource, path.child('resource'), errs);
    return errs;
  }
  if (service) return validateServiceBackend(service, path);
  return [invalidValue(path, '', 'resource or service backend is required')];
}

function validateHTTPIngressPath(httpPath: Json, path: FieldPath): FieldError[] {
  if (typeof httpPath.pathType !== 'string') return [required(path.child('pathType'), 'pathType must be specified')];
  const errs: FieldError[] = [];
  const value = str(httpPath.path);
  switch (httpPath.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!value.startsWith('/')) errs.push(invalidValue(path.child('path'), value, 'must be an absolute path'));
      for (const seq of INVALID_PATH_SEQUENCES) {
        if (value.includes(seq)) errs.push(invalidValue(path.child('path'), value, `must not contain '${seq}'`));
      }
      for (const suffix of INVALID_PATH_SUFFIXES) {
        if (value.endsWith(suffix)) errs.push(invalidValue(path.child('path'), value, `cannot end with '${suffix}'`));
      }
      break;
    case 'ImplementationSpecific':
      if (value !== '' && !value.startsWith('/'))
        errs.push(invalidValue(path.child('path'), value, 'must be an absolute path'));
      break;
    default:
      errs.push(notSupported(path.child('pathType'), httpPath.pathType, PATH_TYPES));
  }
  errs.push(...validateIngressBackend(recordOrEmpty(httpPath.backend), path.child('backend')));
  return errs;
}

function validateIngressRuleValue(rule: Json, path: FieldPath): FieldError[] {
  const http = record(rule.http);
  if (!http) return [];
  const errs: FieldError[] = [];
  const paths = records(http.paths);
  if (paths.length === 0) errs.push(required(path.child('http', 'paths')));
  paths.forEach((p, i) => errs.push(...validateHTTPIngressPath(p, path.child('http', 'paths').index(i))));
  return errs;
}

function validateIngressRules(rules: Json[], path: FieldPath, options: IngressOptions): FieldError[] {
  const errs: FieldError[] = [];
  rules.forEach((rule, i) => {
    const host = str(rule.host);
    const hostPath = path.index(i).child('host');
    let wildcard = false;
    if (host !== '') {
      if (isIPAddress(host)) errs.push(invalidValue(hostPath, host, 'must be a DNS name, not an IP address'));
      if (host.includes('*')) {
        errs.push(...invalidEach(hostPath, host, isWildcardDNS1123Subdomain(host)));
        wildcard = true;
      } else {
        errs.push(...invalidEach(hostPath, host, isDNS1123Subdomain(host)));
      }
    }
    if (!wildcard || !options.allowInvalidWildcardHostRule) errs.push(...validateIngressRuleValue(rule, path.index(i)));
  });
  return errs;
}

function validateIngressTLS(tls: Json[], path: FieldPath, options: IngressOptions): FieldError[] {
  const errs: FieldError[] = [];
  tls.forEach((entry, i) => {
    list(entry.hosts).forEach((h, j) => {
      const host = str(h);
      const check = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      errs.push(...invalidEach(path.index(i).child('hosts').index(j), host, check));
    });
    const secretName = str(entry.secretName);
    if (!options.allowInvalidSecretName && secretName !== '') {
      errs.push(...invalidEach(path.index(i).child('secretName'), secretName, nameIsDNSSubdomain(secretName, false)));
    }
  });
  return errs;
}

function validateIngressSpec(spec: Json, options: IngressOptions): FieldError[] {
  const errs: FieldError[] = [];
  const rules = records(spec.rules);
  const defaultBackend = record(spec.defaultBackend);
  if (rules.length === 0 && !defaultBackend) {
    const goRules = Array.isArray(spec.rules) ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)';
    errs.push(invalidValue(SPEC, { toString: () => goRules }, 'either `defaultBackend` or `rules` must be specified'));
  }
  if (defaultBackend) errs.push(...validateIngressBackend(defaultBackend, SPEC.child('defaultBackend')));
  if (rules.length > 0) errs.push(...validateIngressRules(rules, SPEC.child('rules'), options));
  const tls = records(spec.tls);
  if (tls.length > 0) errs.push(...validateIngressTLS(tls, SPEC.child('tls'), options));
  if (typeof spec.ingressClassName === 'string') {
    errs.push(
      ...invalidEach(
        SPEC.child('ingressClassName'),
        spec.ingressClassName,
        nameIsDNSSubdomain(spec.ingressClassName, false),
      ),
    );
  }
  return errs;
}

/** Stored ingresses keep TLS secret names and wildcard rules that were accepted before the rules tightened. */
function optionsFromOld(old: Json): IngressOptions {
  const spec = recordOrEmpty(old.spec);
  const allowInvalidSecretName = records(spec.tls).some(
    (t) => str(t.secretName) !== '' && nameIsDNSSubdomain(str(t.secretName), false).length > 0,
  );
  const allowInvalidWildcardHostRule = records(spec.rules).some(
    (r) => str(r.host).includes('*') && validateIngressRuleValue(r, FieldPath.root('')).length > 0,
  );
  return { allowInvalidSecretName, allowInvalidWildcardHostRule };
}

export function validateIngress(ingress: Json): FieldError[] {
  const errs = validateIngressSpec(recordOrEmpty(ingress.spec), {
    allowInvalidSecretName: false,
    allowInvalidWildcardHostRule: false,
  });
  const annotations = stringMap(recordOrEmpty(ingress.metadata).annotations);
  const className = recordOrEmpty(ingress.spec).ingressClassName;
  const annotation = annotations[INGRESS_CLASS_ANNOTATION];
  if (annotation !== undefined && typeof className === 'string' && annotation !== className) {
    errs.push(
      invalidValue(
        FieldPath.root('annotations').child(INGRESS_CLASS_ANNOTATION),
        annotation,
        'must match `ingressClassName` when both are specified',
      ),
    );
  }
  return errs;
}

export function validateIngressUpdate(ingress: Json, old: Json): FieldError[] {
  return validateIngressSpec(recordOrEmpty(ingress.spec), optionsFromOld(old));
}

/** The deprecation warning a create with the old class annotation earns. */
export function ingressWarnings(ingress: Json): string[] {
  const annotations = recordOrEmpty(recordOrEmpty(ingress.metadata).annotations);
  return INGRESS_CLASS_ANNOTATION in annotations
    ? [`annotation "${INGRESS_CLASS_ANNOTATION}" is deprecated, please use 'spec.ingressClassName' instead`]
    : [];
}

export function validateIngressStatusUpdate(ingress: Json): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.root('status').child('loadBalancer', 'ingress');
  records(recordOrEmpty(recordOrEmpty(ingress.status).loadBalancer).ingress).forEach((entry, i) => {
    const ip = str(entry.ip);
    if (ip !== '') errs.push(...validateIP(path.index(i).child('ip'), ip));
    const hostname = str(entry.hostname);
    if (hostname !== '') {
      errs.push(...invalidEach(path.index(i).child('hostname'), hostname, isDNS1123Subdomain(hostname)));
      if (isIPAddress(hostname))
        errs.push(invalidValue(path.index(i).child('hostname'), hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}

// ---- IngressClass --------------------------------------------------------------------------------------------

function validateIngressClassParameters(params: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  validateTypedReference(params, path, errs);
  if (typeof params.scope !== 'string') {
    errs.push(required(path.child('scope')));
    return errs;
  }
  if (!PARAMETER_SCOPES.includes(params.scope)) {
    errs.push(notSupported(path.child('scope'), params.scope, PARAMETER_SCOPES));
  } else if (params.scope === 'Namespace') {
    if (typeof params.namespace !== 'string')
      errs.push(required(path.child('namespace'), "`parameters.scope` is set to 'Namespace'"));
    else
      errs.push(
        ...invalidEach(path.child('namespace'), params.namespace, validateNamespaceName(params.namespace, false)),
      );
  } else if (params.namespace !== undefined && params.namespace !== null) {
    errs.push(forbiddenField(path.child('namespace'), "`parameters.scope` is set to 'Cluster'"));
  }
  return errs;
}

export function validateIngressClass(ingressClass: Json): FieldError[] {
  const spec = recordOrEmpty(ingressClass.spec);
  const errs: FieldError[] = [];
  const controller = str(spec.controller);
  if (controller === '') {
    errs.push(required(SPEC.child('controller')));
  } else {
    if (Buffer.byteLength(controller, 'utf8') > MAX_CONTROLLER_LENGTH)
      errs.push(tooLong(SPEC.child('controller'), MAX_CONTROLLER_LENGTH));
    errs.push(...validateDomainPrefixedPath(SPEC.child('controller'), controller));
  }
  const params = record(spec.parameters);
  if (params) errs.push(...validateIngressClassParameters(params, SPEC.child('parameters')));
  return errs;
}

export function validateIngressClassUpdate(ingressClass: Json, old: Json): FieldError[] {
  return [
    ...validateImmutableField(
      recordOrEmpty(ingressClass.spec).controller,
      recordOrEmpty(old.spec).controller,
      SPEC.child('controller'),
    ),
    ...validateIngressClass(ingressClass),
  ];
}

// ---- NetworkPolicy -------------------------------------------------------------------------------------------

function validatePolicyPort(port: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (typeof port.protocol === 'string' && !POLICY_PROTOCOLS.includes(port.protocol)) {
    errs.push(notSupported(path.child('protocol'), port.protocol, POLICY_PROTOCOLS));
  }
  const endPort = optNum(port.endPort);
  if (typeof port.port === 'number') {
    errs.push(...invalidEach(path.child('port'), port.port, isValidPortNum(port.port)));
    if (endPort !== undefined) {
      if (endPort < port.port)
        errs.push(invalidValue(path.child('endPort'), endPort, 'must be greater than or equal to `port`'));
      errs.push(...invalidEach(path.child('endPort'), endPort, isValidPortNum(endPort)));
    }
  } else if (typeof port.port === 'string') {
    if (endPort !== undefined)
      errs.push(invalidValue(path.child('endPort'), endPort, 'may not be specified when `port` is non-numeric'));
    errs.push(...invalidEach(path.child('port'), port.port, isValidPortName(port.port)));
  } else if (endPort !== undefined) {
    errs.push(invalidValue(path.child('endPort'), endPort, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

/** IPv4 octets may carry leading zeros upstream; node's parser wants them gone. */
function normalizeIP(ip: string): string {
  return /^[0-9.]+$/.test(ip)
    ? ip
        .split('.')
        .map((o) => String(Number(o)))
        .join('.')
    : ip;
}

function splitCIDR(cidr: string): { ip: string; prefix: number; family: 'ipv4' | 'ipv6' } {
  const [ip = '', prefix = '0'] = cidr.split('/');
  return { ip: normalizeIP(ip), prefix: Number(prefix), family: ip.includes(':') ? 'ipv6' : 'ipv4' };
}

/** Whether `inner` lies strictly inside `outer` (both valid CIDRs). */
function isStrictSubset(inner: string, outer: string): boolean {
  const a = splitCIDR(inner);
  const b = splitCIDR(outer);
  if (a.family !== b.family || b.prefix >= a.prefix) return false;
  const block = new BlockList();
  block.addSubnet(b.ip, b.prefix, b.family);
  return block.check(a.ip, a.family);
}

function validateIPBlock(ipBlock: Json, path: FieldPath, allowed: ReadonlySet<string>): FieldError[] {
  const cidr = str(ipBlock.cidr);
  if (cidr === '') return [required(path.child('cidr'))];
  const errs = allowed.has(cidr) ? [] : validateCIDR(path.child('cidr'), cidr);
  if (!isCIDR(cidr)) return errs;
  list(ipBlock.except).forEach((e, i) => {
    const except = str(e);
    const at = path.child('except').index(i);
    if (!allowed.has(except)) errs.push(...validateCIDR(at, except));
    if (isCIDR(except) && !isStrictSubset(except, cidr))
      errs.push(invalidValue(at, except, 'must be a strict subset of `cidr`'));
  });
  return errs;
}

function validatePolicyPeer(
  peer: Json,
  options: LabelSelectorOptions,
  allowed: ReadonlySet<string>,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  let peers = 0;
  if (isRecord(peer.podSelector)) {
    peers++;
    errs.push(...validateLabelSelector(peer.podSelector, options, path.child('podSelector')));
  }
  if (isRecord(peer.namespaceSelector)) {
    peers++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, options, path.child('namespaceSelector')));
  }
  const ipBlock = record(peer.ipBlock);
  if (ipBlock) {
    peers++;
    errs.push(...validateIPBlock(ipBlock, path.child('ipBlock'), allowed));
  }
  if (peers === 0) errs.push(required(path, 'must specify a peer'));
  else if (peers > 1 && ipBlock) errs.push(forbiddenField(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

function validateNetworkPolicySpec(
  spec: Json,
  options: LabelSelectorOptions,
  allowedCIDRs: ReadonlySet<string>,
): FieldError[] {
  const errs = validateLabelSelector(spec.podSelector ?? {}, options, SPEC.child('podSelector'));
  for (const [direction, peersField] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    records(spec[direction]).forEach((rule, i) => {
      const rulePath = SPEC.child(direction).index(i);
      records(rule.ports).forEach((port, j) =>
        errs.push(...validatePolicyPort(port, rulePath.child('ports').index(j))),
      );
      records(rule[peersField]).forEach((peer, j) => {
        errs.push(...validatePolicyPeer(peer, options, allowedCIDRs, rulePath.child(peersField).index(j)));
      });
    });
  }
  const policyTypes = list(spec.policyTypes);
  if (policyTypes.length > POLICY_TYPES.length) {
    errs.push(invalidValue(SPEC.child('policyTypes'), policyTypes, 'may not specify more than two policyTypes'));
    return errs;
  }
  policyTypes.forEach((t, i) => {
    if (!POLICY_TYPES.includes(str(t))) errs.push(notSupported(SPEC.child('policyTypes').index(i), t, POLICY_TYPES));
  });
  return errs;
}

export function validateNetworkPolicy(policy: Json): FieldError[] {
  return validateNetworkPolicySpec(recordOrEmpty(policy.spec), {}, new Set());
}

/** Every CIDR the stored policy already holds (they stay accepted even if invalid today). */
function existingCIDRs(old: Json): Set<string> {
  const spec = recordOrEmpty(old.spec);
  const cidrs = new Set<string>();
  for (const [direction, peersField] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    for (const rule of records(spec[direction])) {
      for (const peer of records(rule[peersField])) {
        const ipBlock = record(peer.ipBlock);
        if (!ipBlock) continue;
        cidrs.add(str(ipBlock.cidr));
        for (const except of list(ipBlock.except)) cidrs.add(str(except));
      }
    }
  }
  return cidrs;
}

export function validateNetworkPolicyUpdate(policy: Json, old: Json): FieldError[] {
  const oldSelectorInvalid = validateLabelSelector(recordOrEmpty(old.spec).podSelector ?? {}, {}, SPEC).length > 0;
  return validateNetworkPolicySpec(
    recordOrEmpty(policy.spec),
    { allowInvalidLabelValueInSelector: oldSelectorInvalid },
    existingCIDRs(old),
  );
}
