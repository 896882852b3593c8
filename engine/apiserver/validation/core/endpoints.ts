// Endpoints (ValidateEndpoints): every subset has addresses, addresses are real non-special IPs, and ports are
// named when there are several.

import { FieldPath, notSupported, required } from '../../errors/field-error.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { num, records, str } from '../access.ts';
import type { Json } from '../access.ts';
import { isValidPortNum } from '../formats.ts';
import { invalidEach, validateDNS1123Label, validateQualifiedName } from '../generic.ts';
import { validateIP, validateNonSpecialIP } from '../ip.ts';
import { nameIsDNSSubdomain } from '../names.ts';
import { PORT_PROTOCOLS } from './container-fields.ts';

function validateAddress(address: Json, path: FieldPath): FieldError[] {
  const ip = str(address.ip);
  const errs = validateIP(path.child('ip'), ip);
  const hostname = str(address.hostname);
  if (hostname !== '') errs.push(...validateDNS1123Label(hostname, path.child('hostname')));
  if (typeof address.nodeName === 'string')
    errs.push(...invalidEach(path.child('nodeName'), address.nodeName, nameIsDNSSubdomain(address.nodeName, false)));
  errs.push(...validateNonSpecialIP(path.child('ip'), ip));
  return errs;
}

function validatePort(port: Json, requireName: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(port.name);
  if (requireName && name === '') errs.push(required(path.child('name')));
  else if (name !== '') errs.push(...validateDNS1123Label(name, path.child('name')));
  errs.push(...invalidEach(path.child('port'), num(port.port), isValidPortNum(num(port.port))));
  const protocol = str(port.protocol);
  if (protocol === '') errs.push(required(path.child('protocol')));
  else if (!PORT_PROTOCOLS.includes(protocol))
    errs.push(notSupported(path.child('protocol'), protocol, PORT_PROTOCOLS));
  if (typeof port.appProtocol === 'string')
    errs.push(...validateQualifiedName(port.appProtocol, path.child('appProtocol')));
  return errs;
}

export function validateEndpoints(endpoints: Json): FieldError[] {
  const errs: FieldError[] = [];
  records(endpoints.subsets).forEach((subset, i) => {
    const at = FieldPath.root('subsets').index(i);
    const addresses = records(subset.addresses);
    const notReady = records(subset.notReadyAddresses);
    if (addresses.length === 0 && notReady.length === 0)
      errs.push(required(at, 'must specify `addresses` or `notReadyAddresses`'));
    addresses.forEach((a, j) => errs.push(...validateAddress(a, at.child('addresses').index(j))));
    notReady.forEach((a, j) => errs.push(...validateAddress(a, at.child('notReadyAddresses').index(j))));
    const ports = records(subset.ports);
    ports.forEach((p, j) => errs.push(...validatePort(p, ports.length > 1, at.child('ports').index(j))));
  });
  return errs;
}
