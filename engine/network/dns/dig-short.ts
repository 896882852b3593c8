// `dig +short` output: the data of each answer record, one per line, names absolute — what scripts and students
// use to see a lookup's result at a glance (`10.96.3.7`, `0 100 80 web.shop.svc.cluster.local.`).

import type { DnsMessage, ResourceRecord } from './message.ts';

export function digShort(reply: DnsMessage): string {
  return reply.answer.map((record) => `${recordData(record)}\n`).join('');
}

/** A record's data as dig prints it in presentation format. */
export function recordData(record: ResourceRecord): string {
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return record.address;
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return record.target;
    case 'SRV':
      return `${record.priority} ${record.weight} ${record.port} ${record.target}`;
    case 'TXT':
      return record.text.map((text) => `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(' ');
    case 'SOA':
      return [
        record.mname,
        record.rname,
        record.serial,
        record.refresh,
        record.retry,
        record.expire,
        record.minimum,
      ].join(' ');
  }
}
