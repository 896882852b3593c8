// Services (ValidateService, ValidateServiceUpdate, ValidateServiceStatusUpdate): ports and their names, types and
// the fields each type allows, session affinity, traffic policies, and cluster IPs that never change once set.
// Cluster IPs and node ports themselves are allocated elsewhere, before validation runs.

import {
  FieldPath,
  duplicate,
  forbiddenField,
  invalidValue,
  notSupported,
  required,
} from '../../errors/field-error.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { list, num, optNum, record, records, recordOrEmpty, str, stringMap } from '../access.ts';
import type { Json } from '../access.ts';
import {
  validateDNS1123Label,
  validateDNS1123Subdomain,
  validatePortNumOrName,
  validateQualifiedName,
} from '../generic.ts';
import { isIPAddress, isIPv6Address, validateCIDR, validateIP, validateNonSpecialIP } from '../ip.ts';
import { invalidEach } from '../generic.ts';
import { isValidPortNum } from '../formats.ts';
import { validateLabels } from '../labels.ts';
import { PORT_PROTOCOLS } from './container-fields.ts';

const SPEC = FieldPath.root('spec');
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const TOPOLOGY_MODE_ANNOTATION = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS_ANNOTATION = 'service.kubernetes.io/topology-aware-hints';

function specOf(svc: Json): Json {
  return recordOrEmpty(svc.spec);
}

function isHeadless(spec: Json): boolean {
  const ips = list(spec.clusterIPs);
  return ips.length === 1 && ips[0] === 'None';
}

/** LoadBalancer and NodePort services, and ClusterIP services with external IPs, are reachable from outside. */
export function isExternallyAccessible(spec: Json): boolean {
  const type = str(spec.type);
  return type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && list(spec.externalIPs).length > 0);
}

export function needsHealthCheck(spec: Json): boolean {
  return str(spec.type) === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
}

function validateServicePort(port: Json, requireName: boolean, names: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(port.name);
  if (requireName && name === '') errs.push(required(path.child('name')));
  else if (name !== '') {
    errs.push(...validateDNS1123Label(name, path.child('name')));
    if (names.has(name)) errs.push(duplicate(path.child('name'), name));
    else names.add(name);
  }
  errs.push(...invalidEach(path.child('port'), num(port.port), isValidPortNum(num(port.port))));
  const protocol = str(port.protocol);
  if (protocol === '') errs.push(required(path.child('protocol')));
  else if (!PORT_PROTOCOLS.includes(protocol))
    errs.push(notSupported(path.child('protocol'), protocol, PORT_PROTOCOLS));
  errs.push(...validatePortNumOrName(port.targetPort, path.child('targetPort')));
  if (typeof port.appProtocol === 'string')
    errs.push(...validateQualifiedName(port.appProtocol, path.child('appProtocol')));
  return errs;
}

function validateClusterIPsRelatedFields(spec: Json): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const clusterIPsPath = SPEC.child('clusterIPs');
  const clusterIP = str(spec.clusterIP);
  const clusterIPs = list(spec.clusterIPs).map(str);
  if (clusterIP !== '') {
    if (clusterIPs.length === 0) errs.push(required(clusterIPsPath));
    else if (clusterIPs[0] !== clusterIP)
      errs.push(invalidValue(clusterIPsPath, clusterIPs, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length > 0) {
    errs.push(invalidValue(clusterIPsPath, clusterIPs, 'must be empty when `clusterIP` is not specified'));
  }
  const families = list(spec.ipFamilies).map(str);
  const seen = new Set<string>();
  families.forEach((family, i) => {
    if (!IP_FAMILIES.includes(family)) errs.push(notSupported(SPEC.child('ipFamilies').index(i), family, IP_FAMILIES));
    if (seen.has(family)) errs.push(duplicate(SPEC.child('ipFamilies').index(i), family));
    seen.add(family);
  });
  if (
    spec.ipFamilyPolicy !== undefined &&
    spec.ipFamilyPolicy !== null &&
    !IP_FAMILY_POLICIES.includes(str(spec.ipFamilyPolicy))
  ) {
    errs.push(notSupported(SPEC.child('ipFamilyPolicy'), spec.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  let invalidIPs = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        invalidIPs = true;
        errs.push(invalidValue(clusterIPsPath, clusterIPs, "'None' must be the first and only value"));
      }
      return;
    }
    const ipErrs = validateIP(clusterIPsPath.index(i), ip);
    if (ipErrs.length) invalidIPs = true;
    errs.push(...ipErrs);
  });
  if (clusterIPs.length > 2) errs.push(invalidValue(clusterIPsPath, clusterIPs, 'may only hold up to 2 values'));
  if (invalidIPs) return errs;
  if (
    clusterIPs.length > 1 &&
    !(clusterIPs.length === 2 && isIPv6Address(clusterIPs[0] ?? '') !== isIPv6Address(clusterIPs[1] ?? ''))
  ) {
    errs.push(invalidValue(clusterIPsPath, clusterIPs, 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(spec) && clusterIPs.length > 0 && families.length > 0) {
    clusterIPs.forEach((ip, i) => {
      if (i >= families.length || !isIPAddress(ip)) return;
      if (families[i] === 'IPv4' && isIPv6Address(ip)) {
        errs.push(
          invalidValue(clusterIPsPath.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``),
        );
      }
      if (families[i] === 'IPv6' && !isIPv6Address(ip)) {
        errs.push(
          invalidValue(clusterIPsPath.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``),
        );
      }
    });
  }
  return errs;
}

function validateSessionAffinity(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  const affinity = str(spec.sessionAffinity);
  if (affinity === '') errs.push(required(SPEC.child('sessionAffinity')));
  else if (!SESSION_AFFINITIES.includes(affinity))
    errs.push(notSupported(SPEC.child('sessionAffinity'), affinity, SESSION_AFFINITIES));
  const configPath = SPEC.child('sessionAffinityConfig');
  if (affinity === 'ClientIP') {
    const when = 'when session affinity type is ClientIP';
    const config = record(spec.sessionAffinityConfig);
    const clientIP = record(config?.clientIP);
    if (!config) errs.push(required(configPath, when));
    else if (!clientIP) errs.push(required(configPath.child('clientIP'), when));
    else {
      const timeout = optNum(clientIP.timeoutSeconds);
      const timeoutPath = configPath.child('clientIP').child('timeoutSeconds');
      if (timeout === undefined) errs.push(required(timeoutPath, when));
      else if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
        errs.push(
          invalidValue(timeoutPath, timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`),
        );
      }
    }
  } else if (affinity === 'None' && record(spec.sessionAffinityConfig)) {
    errs.push(forbiddenField(configPath, 'must not be set when session affinity is None'));
  }
  return errs;
}

function validatePortUniqueness(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  const ports = records(spec.ports);
  const portsPath = SPEC.child('ports');
  const nodePorts = new Set<string>();
  const servicePorts = new Set<string>();
  ports.forEach((port, i) => {
    const nodePort = num(port.nodePort);
    if (nodePort !== 0) {
      const key = `${str(port.protocol)}/${nodePort}`;
      if (nodePorts.has(key)) errs.push(duplicate(portsPath.index(i).child('nodePort'), nodePort));
      nodePorts.add(key);
    }
  });
  ports.forEach((port, i) => {
    const key = `${str(port.protocol)}/${num(port.port)}`;
    if (servicePorts.has(key))
      errs.push(duplicate(portsPath.index(i), { protocol: str(port.protocol), port: num(port.port) }));
    servicePorts.add(key);
  });
  return errs;
}

function validateTrafficPolicies(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  const external = str(spec.externalTrafficPolicy);
  if (!isExternallyAccessible(spec)) {
    if (external !== '')
      errs.push(
        invalidValue(
          SPEC.child('externalTrafficPolicy'),
          external,
          'may only be set for externally-accessible services',
        ),
      );
  } else if (external === '') {
    errs.push(required(SPEC.child('externalTrafficPolicy')));
  } else if (!TRAFFIC_POLICIES.includes(external)) {
    errs.push(notSupported(SPEC.child('externalTrafficPolicy'), external, TRAFFIC_POLICIES));
  }
  const healthCheckNodePort = num(spec.healthCheckNodePort);
  if (!needsHealthCheck(spec)) {
    if (healthCheckNodePort !== 0) {
      errs.push(
        invalidValue(
          SPEC.child('healthCheckNodePort'),
          healthCheckNodePort,
          "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
        ),
      );
    }
  } else if (healthCheckNodePort === 0) {
    errs.push(required(SPEC.child('healthCheckNodePort')));
  } else {
    errs.push(
      ...invalidEach(SPEC.child('healthCheckNodePort'), healthCheckNodePort, isValidPortNum(healthCheckNodePort)),
    );
  }
  const internal = spec.internalTrafficPolicy;
  const type = str(spec.type);
  if (
    (internal === undefined || internal === null) &&
    (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP')
  ) {
    errs.push(required(SPEC.child('internalTrafficPolicy')));
  }
  if (internal !== undefined && internal !== null && !TRAFFIC_POLICIES.includes(str(internal))) {
    errs.push(notSupported(SPEC.child('internalTrafficPolicy'), internal, TRAFFIC_POLICIES));
  }
  if (
    spec.trafficDistribution !== undefined &&
    spec.trafficDistribution !== null &&
    spec.trafficDistribution !== 'PreferClose'
  ) {
    errs.push(notSupported(SPEC.child('trafficDistribution'), spec.trafficDistribution, ['PreferClose']));
  }
  return errs;
}

function validateLoadBalancerFields(svc: Json, spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  const isLB = spec.type === 'LoadBalancer';
  const ranges = list(spec.loadBalancerSourceRanges).map(str);
  const annotations = stringMap(recordOrEmpty(svc.metadata).annotations);
  const lbOnly = "may only be used when `type` is 'LoadBalancer'";
  if (ranges.length > 0) {
    const rangesPath = SPEC.child('LoadBalancerSourceRanges');
    if (!isLB) errs.push(forbiddenField(rangesPath, lbOnly));
    ranges.forEach((range, i) => errs.push(...validateCIDR(rangesPath.index(i), range.trim())));
  } else if (SOURCE_RANGES_ANNOTATION in annotations) {
    const annotationPath = FieldPath.root('metadata').child('annotations').key(SOURCE_RANGES_ANNOTATION);
    if (!isLB) errs.push(forbiddenField(annotationPath, lbOnly));
    const value = (annotations[SOURCE_RANGES_ANNOTATION] ?? '').trim();
    if (value !== '') for (const cidr of value.split(',')) errs.push(...validateCIDR(annotationPath, cidr.trim()));
  }
  const allocate = spec.allocateLoadBalancerNodePorts;
  if (allocate !== undefined && allocate !== null && !isLB)
    errs.push(forbiddenField(SPEC.child('allocateLoadBalancerNodePorts'), lbOnly));
  if (isLB && (allocate === undefined || allocate === null))
    errs.push(required(FieldPath.root('allocateLoadBalancerNodePorts')));
  const lbClass = spec.loadBalancerClass;
  if (typeof lbClass === 'string') {
    if (isLB) errs.push(...validateQualifiedName(lbClass, SPEC.child('loadBalancerClass')));
    else errs.push(forbiddenField(SPEC.child('loadBalancerClass'), lbOnly));
  }
  return errs;
}

export function validateService(svc: Json): FieldError[] {
  const errs: FieldError[] = [];
  const spec = specOf(svc);
  const annotations = stringMap(recordOrEmpty(svc.metadata).annotations);
  const mode = annotations[TOPOLOGY_MODE_ANNOTATION];
  const hints = annotations[TOPOLOGY_HINTS_ANNOTATION];
  if (mode !== undefined && hints !== undefined && mode !== hints) {
    errs.push(
      invalidValue(
        FieldPath.root('metadata').child('annotations').key(TOPOLOGY_MODE_ANNOTATION),
        mode,
        `must match annotations[${TOPOLOGY_HINTS_ANNOTATION}] when both are specified`,
      ),
    );
  }
  const type = str(spec.type);
  const ports = records(spec.ports);
  const headless = isHeadless(spec);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required(SPEC.child('ports')));
  const clusterIPs = list(spec.clusterIPs);
  if ((type === 'LoadBalancer' || type === 'NodePort') && headless) {
    errs.push(
      invalidValue(SPEC.child('clusterIPs').index(0), clusterIPs[0], `may not be set to 'None' for ${type} services`),
    );
  }
  if (type === 'ExternalName') {
    if (clusterIPs.length > 0)
      errs.push(forbiddenField(SPEC.child('clusterIPs'), 'may not be set for ExternalName services'));
    if (list(spec.ipFamilies).length > 0)
      errs.push(forbiddenField(SPEC.child('ipFamilies'), 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) {
      errs.push(forbiddenField(SPEC.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
    }
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname !== '') errs.push(...validateDNS1123Subdomain(cname, SPEC.child('externalName')));
    else errs.push(required(SPEC.child('externalName')));
  }
  const names = new Set<string>();
  ports.forEach((port, i) =>
    errs.push(...validateServicePort(port, ports.length > 1, names, SPEC.child('ports').index(i))),
  );
  if (record(spec.selector)) errs.push(...validateLabels(spec.selector, SPEC.child('selector')));
  errs.push(...validateSessionAffinity(spec));
  errs.push(...validateClusterIPsRelatedFields(spec));
  list(spec.externalIPs).forEach((ip, i) => {
    const at = SPEC.child('externalIPs').index(i);
    const ipErrs = validateIP(at, str(ip));
    errs.push(...(ipErrs.length ? ipErrs : validateNonSpecialIP(at, str(ip))));
  });
  if (type === '') errs.push(required(SPEC.child('type')));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported(SPEC.child('type'), type, SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((port, i) => {
      if (num(port.nodePort) !== 0)
        errs.push(
          forbiddenField(SPEC.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"),
        );
    });
  }
  errs.push(...validatePortUniqueness(spec));
  errs.push(...validateLoadBalancerFields(svc, spec));
  errs.push(...validateTrafficPolicies(spec));
  return errs;
}

function validateClusterIPsUpdate(spec: Json, oldSpec: Json): FieldError[] {
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return [];
  if (isHeadless(spec) && isHeadless(oldSpec)) return [];
  const errs: FieldError[] = [];
  const ips = list(spec.clusterIPs).map(str);
  const oldIPs = list(oldSpec.clusterIPs).map(str);
  const path = SPEC.child('clusterIPs');
  if (oldIPs.length === ips.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== ips[i]) errs.push(invalidValue(path.index(i), ips, 'may not change once set'));
    });
  } else if (oldIPs.length > ips.length) {
    if (ips.length === 0) errs.push(invalidValue(path.index(0), ips, 'primary clusterIP can not be unset'));
    if (oldIPs.length > 0 && ips.length > 0 && ips[0] !== oldIPs[0])
      errs.push(invalidValue(path.index(0), ips, 'may not change once set'));
    if (ips.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') {
      errs.push(
        invalidValue(
          SPEC.child('ipFamilyPolicy'),
          spec.ipFamilyPolicy ?? null,
          "must be set to 'SingleStack' when releasing the secondary clusterIP",
        ),
      );
    }
  } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
    errs.push(invalidValue(path.index(0), ips, 'may not change once set'));
  }
  return errs;
}

function validateIPFamiliesUpdate(spec: Json, oldSpec: Json): FieldError[] {
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return [];
  if (isHeadless(spec) !== isHeadless(oldSpec) || isHeadless(spec)) return [];
  const errs: FieldError[] = [];
  const families = list(spec.ipFamilies).map(str);
  const oldFamilies = list(oldSpec.ipFamilies).map(str);
  const path = SPEC.child('ipFamilies').index(0);
  const clusterIPs = list(spec.clusterIPs);
  if (oldFamilies.length === families.length) {
    oldFamilies.forEach((family, i) => {
      if (family !== families[i]) errs.push(invalidValue(path, families, 'may not change once set'));
    });
  } else if (oldFamilies.length > families.length) {
    if (clusterIPs.length === 0) errs.push(invalidValue(path, families, 'primary ipFamily can not be unset'));
    if (families.length > 0 && families[0] !== oldFamilies[0])
      errs.push(invalidValue(path, clusterIPs, 'may not change once set'));
    if (families.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') {
      errs.push(
        invalidValue(
          SPEC.child('ipFamilyPolicy'),
          spec.ipFamilyPolicy ?? null,
          "must be set to 'SingleStack' when releasing the secondary ipFamily",
        ),
      );
    }
  } else if (oldFamilies.length > 0 && families.length > 0 && families[0] !== oldFamilies[0]) {
    errs.push(invalidValue(path, clusterIPs, 'may not change once set'));
  }
  return errs;
}

export function validateServiceUpdate(svc: Json, old: Json): FieldError[] {
  const spec = specOf(svc);
  const oldSpec = specOf(old);
  const errs = [...validateClusterIPsUpdate(spec, oldSpec), ...validateIPFamiliesUpdate(spec, oldSpec)];
  if (
    spec.type === 'LoadBalancer' &&
    oldSpec.type === 'LoadBalancer' &&
    (spec.loadBalancerClass ?? null) !== (oldSpec.loadBalancerClass ?? null)
  ) {
    errs.push(invalidValue(SPEC.child('loadBalancerClass'), spec.loadBalancerClass ?? null, 'may not change once set'));
  }
  if (
    needsHealthCheck(oldSpec) &&
    needsHealthCheck(spec) &&
    num(spec.healthCheckNodePort) !== num(oldSpec.healthCheckNodePort)
  ) {
    errs.push(forbiddenField(SPEC.child('healthCheckNodePort'), 'field is immutable'));
  }
  errs.push(...validateService(svc));
  return errs;
}

export function validateServiceStatusUpdate(svc: Json): FieldError[] {
  const errs: FieldError[] = [];
  const ingressPath = FieldPath.root('status').child('loadBalancer').child('ingress');
  const ingress = records(recordOrEmpty(recordOrEmpty(svc.status).loadBalancer).ingress);
  if (specOf(svc).type !== 'LoadBalancer' && ingress.length > 0) {
    return [forbiddenField(ingressPath, "may only be used when `spec.type` is 'LoadBalancer'")];
  }
  ingress.forEach((entry, i) => {
    const at = ingressPath.index(i);
    const ip = str(entry.ip);
    if (ip !== '') errs.push(...validateIP(at.child('ip'), ip));
    const ipMode = entry.ipMode;
    if ((ipMode === undefined || ipMode === null) && ip !== '')
      errs.push(required(at.child('ipMode'), 'must be specified when `ip` is set'));
    else if (ipMode !== undefined && ipMode !== null && ip === '')
      errs.push(forbiddenField(at.child('ipMode'), 'may not be specified when `ip` is not set'));
    else if (ipMode !== undefined && ipMode !== null && ipMode !== 'Proxy' && ipMode !== 'VIP')
      errs.push(notSupported(at.child('ipMode'), ipMode, ['Proxy', 'VIP']));
    const hostname = str(entry.hostname);
    if (hostname !== '') {
      errs.push(...validateDNS1123Subdomain(hostname, at.child('hostname')));
      if (isIPAddress(hostname))
        errs.push(invalidValue(at.child('hostname'), hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}
