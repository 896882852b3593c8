// The discovery.k8s.io group (pkg/apis/discovery/validation): EndpointSlices — an address type that never
// changes, at most 1000 endpoints of at most 100 addresses of that type, unique port names, known protocols, and
// zone hints that are label values.

import { FieldPath, duplicate, notSupported, required, tooMany } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { list, record, records, recordOrEmpty, str } from './access.ts';
import type { Json } from './access.ts';
import { validateFullyQualifiedDomainName, validateIPv4Address, validateIPv6Address } from './domain-names.ts';
import { invalidEach, validateDNS1123Label, validateImmutableField } from './generic.ts';
import { validateIP, validateNonSpecialIP } from './ip.ts';
import { validateLabels } from './labels.ts';
import { isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from './names.ts';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const DEPRECATED_ADDRESS_TYPES = ['IP'];
const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 100;
const MAX_ENDPOINTS = 1000;
const MAX_ZONE_HINTS = 8;

function validateAddress(address: string, addressType: string, path: FieldPath): FieldError[] {
  switch (addressType) {
    case 'IP':
      return validateIP(path, address);
    case 'IPv4':
      return [...validateIPv4Address(path, address), ...validateNonSpecialIP(path, address)];
    case 'IPv6':
      return [...validateIPv6Address(path, address), ...validateNonSpecialIP(path, address)];
    case 'FQDN':
      return validateFullyQualifiedDomainName(path, address);
    default:
      return [];
  }
}

function validateHints(hints: Json, path: FieldPath): FieldError[] {
  const zones = records(hints.forZones);
  const zonesPath = path.child('forZones');
  if (zones.length > MAX_ZONE_HINTS) return [tooMany(zonesPath, zones.length, MAX_ZONE_HINTS)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  zones.forEach((zone, i) => {
    const name = str(zone.name);
    const at = zonesPath.index(i).child('name');
    if (seen.has(name)) errs.push(duplicate(at, name));
    else seen.add(name);
    errs.push(...invalidEach(at, name, isValidLabelValue(name)));
  });
  return errs;
}

function validateEndpoints(endpoints: unknown, addressType: string, path: FieldPath): FieldError[] {
  const items = records(endpoints);
  if (items.length > MAX_ENDPOINTS) return [tooMany(path, items.length, MAX_ENDPOINTS)];
  const errs: FieldError[] = [];
  items.forEach((endpoint, i) => {
    const at = path.index(i);
    const addresses = list(endpoint.addresses);
    if (addresses.length === 0) errs.push(required(at.child('addresses'), 'must contain at least 1 address'));
    else if (addresses.length > MAX_ADDRESSES)
      errs.push(tooMany(at.child('addresses'), addresses.length, MAX_ADDRESSES));
    addresses.forEach((a, j) => errs.push(...validateAddress(str(a), addressType, at.child('addresses').index(j))));
    const topology = recordOrEmpty(endpoint.deprecatedTopology);
    const topologyCount = Object.keys(topology).length;
    if (topologyCount > MAX_TOPOLOGY_LABELS)
      errs.push(tooMany(at.child('deprecatedTopology'), topologyCount, MAX_TOPOLOGY_LABELS));
    errs.push(...validateLabels(topology, at.child('deprecatedTopology')));
    if (typeof endpoint.hostname === 'string')
      errs.push(...validateDNS1123Label(endpoint.hostname, at.child('hostname')));
    if (typeof endpoint.nodeName === 'string') {
      errs.push(...invalidEach(at.child('nodeName'), endpoint.nodeName, nameIsDNSSubdomain(endpoint.nodeName, false)));
    }
    const hints = record(endpoint.hints);
    if (hints) errs.push(...validateHints(hints, at.child('hints')));
  });
  return errs;
}

function validatePorts(ports: unknown, path: FieldPath): FieldError[] {
  const items = records(ports);
  if (items.length > MAX_PORTS) return [tooMany(path, items.length, MAX_PORTS)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  items.forEach((port, i) => {
    const at = path.index(i);
    const name = str(port.name);
    if (name !== '') errs.push(...validateDNS1123Label(name, at.child('name')));
    if (names.has(name)) errs.push(duplicate(at.child('name'), name));
    else names.add(name);
    if (typeof port.protocol !== 'string') errs.push(required(at.child('protocol')));
    else if (!PORT_PROTOCOLS.includes(port.protocol))
      errs.push(notSupported(at.child('protocol'), port.protocol, PORT_PROTOCOLS));
    if (typeof port.appProtocol === 'string')
      errs.push(...invalidEach(at.child('appProtocol'), port.appProtocol, isQualifiedName(port.appProtocol)));
  });
  return errs;
}

function validateEndpointSliceWith(slice: Json, addressTypes: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  const addressType = str(slice.addressType);
  const typePath = FieldPath.root('addressType');
  if (addressType === '') errs.push(required(typePath));
  else if (!addressTypes.includes(addressType)) errs.push(notSupported(typePath, addressType, addressTypes));
  errs.push(...validateEndpoints(slice.endpoints, addressType, FieldPath.root('endpoints')));
  errs.push(...validatePorts(slice.ports, FieldPath.root('ports')));
  return errs;
}

export function validateEndpointSlice(slice: Json): FieldError[] {
  return validateEndpointSliceWith(slice, ADDRESS_TYPES);
}

/** Updates also accept the deprecated "IP" type (stored slices may have it) but never a changed type. */
export function validateEndpointSliceUpdate(slice: Json, old: Json): FieldError[] {
  return [
    ...validateEndpointSliceWith(slice, [...ADDRESS_TYPES, ...DEPRECATED_ADDRESS_TYPES].sort()),
    ...validateImmutableField(slice.addressType, old.addressType, FieldPath.root('addressType')),
  ];
}
