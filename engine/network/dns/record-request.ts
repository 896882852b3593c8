// How CoreDNS's kubernetes plugin reads a query name in its zone (plugin/kubernetes/parse.go), right to left:
// `[_port._protocol. | endpoint.] service.namespace.(svc|pod).<zone>`. Fewer labels leave the rest empty (the
// apex, `svc.<zone>` and `<namespace>.svc.<zone>` exist without records); more labels, or anything but svc/pod
// before the zone, are a name that does not exist.

import { labelsBelow } from './names.ts';

export interface RecordRequest {
  /** The SRV port name, without its underscore. */
  port: string;
  /** The SRV protocol (tcp, udp, sctp), without its underscore. */
  protocol: string;
  endpoint: string;
  service: string;
  namespace: string;
  /** '' for the apex and `svc.<zone>`/`pod.<zone>` themselves. */
  podOrSvc: '' | 'svc' | 'pod';
}

/** The parts of `name` under `zone`, or undefined when the name cannot exist in the zone. */
export function parseRequest(name: string, zone: string): RecordRequest | undefined {
  const request: RecordRequest = { port: '', protocol: '', endpoint: '', service: '', namespace: '', podOrSvc: '' };
  const labels = labelsBelow(name, zone);
  const kind = labels.pop();
  if (kind === undefined) return request;
  if (kind !== 'svc' && kind !== 'pod') return undefined;
  if (labels.length === 0) return request;
  request.podOrSvc = kind;
  request.namespace = labels.pop() ?? '';
  request.service = labels.pop() ?? '';
  if (labels.length === 1) request.endpoint = labels[0]!;
  else if (labels.length === 2) {
    request.port = stripUnderscore(labels[0]!);
    request.protocol = stripUnderscore(labels[1]!);
  } else if (labels.length > 2) return undefined;
  return request;
}

function stripUnderscore(label: string): string {
  return label.startsWith('_') ? label.slice(1) : label;
}
