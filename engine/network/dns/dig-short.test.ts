import { describe, expect, it } from 'vitest';
import { digShort } from './dig-short.ts';
import type { ResourceRecord } from './message.ts';
import { queryMessage, question, replyTo } from './message.ts';

const h = { name: 'x.', class: 'IN' as const, ttl: 5 };

describe('dig +short', () => {
  it.each<[string, ResourceRecord[], string]>([
    [
      'prints addresses one per line',
      [
        { ...h, type: 'A', address: '10.244.1.10' },
        { ...h, type: 'A', address: '10.244.2.11' },
      ],
      '10.244.1.10\n10.244.2.11\n',
    ],
    [
      'prints a CNAME chain target first',
      [
        { ...h, type: 'CNAME', target: 'web.other.svc.cluster.local.' },
        { ...h, type: 'A', address: '10.96.4.4' },
      ],
      'web.other.svc.cluster.local.\n10.96.4.4\n',
    ],
    [
      'prints SRV as priority weight port target',
      [{ ...h, type: 'SRV', priority: 0, weight: 50, port: 5432, target: 'db-0.db.shop.svc.cluster.local.' }],
      '0 50 5432 db-0.db.shop.svc.cluster.local.\n',
    ],
    ['quotes TXT strings', [{ ...h, type: 'TXT', text: ['1.1.0'] }], '"1.1.0"\n'],
    [
      'prints SOA fields in order',
      [
        {
          ...h,
          type: 'SOA',
          mname: 'ns.dns.cluster.local.',
          rname: 'hostmaster.cluster.local.',
          serial: 1,
          refresh: 7200,
          retry: 1800,
          expire: 86400,
          minimum: 5,
        },
      ],
      'ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 5\n',
    ],
    ['prints nothing for NXDOMAIN', [], ''],
  ])('%s', (_sentence, answer, expected) => {
    const reply = replyTo(queryMessage(1, question('x', 'A')), 'NOERROR');
    reply.answer = answer;
    expect(digShort(reply)).toBe(expected);
  });
});
