import { describe, expect, it } from 'vitest';
import type { DnsMessage, ResourceRecord } from './message.ts';
import { queryMessage, question, replyTo } from './message.ts';
import { DnsWireError, decodeMessage, encodeMessage } from './wire.ts';

const header = { class: 'IN' as const, ttl: 30 };

function reply(records: ResourceRecord[]): DnsMessage {
  const message = replyTo(queryMessage(0xbeef, question('web.shop.svc.cluster.local', 'A')), 'NOERROR');
  message.flags.aa = true;
  message.answer = records;
  return message;
}

describe('DNS wire format', () => {
  it('encodes a query exactly as RFC 1035 lays it out', () => {
    const bytes = encodeMessage(queryMessage(0x1234, question('web.shop', 'A')));
    expect([...bytes]).toEqual([
      0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 3, 119, 101, 98, 4, 115, 104, 111, 112, 0, 0, 1, 0, 1,
    ]);
  });

  it.each<[string, ResourceRecord]>([
    ['an A record', { ...header, name: 'web.shop.svc.cluster.local.', type: 'A', address: '10.96.3.7' }],
    ['an AAAA record', { ...header, name: 'web.shop.svc.cluster.local.', type: 'AAAA', address: 'fd00:0:0:0:0:0:0:1' }],
    ['a CNAME record', { ...header, name: 'ext.shop.svc.cluster.local.', type: 'CNAME', target: 'example.com.' }],
    [
      'a PTR record',
      { ...header, name: '7.3.96.10.in-addr.arpa.', type: 'PTR', target: 'web.shop.svc.cluster.local.' },
    ],
    [
      'an SRV record',
      {
        ...header,
        name: '_http._tcp.web.shop.svc.cluster.local.',
        type: 'SRV',
        priority: 0,
        weight: 100,
        port: 80,
        target: 'web.shop.svc.cluster.local.',
      },
    ],
    ['a TXT record', { ...header, name: 'dns-version.cluster.local.', type: 'TXT', text: ['1.1.0'] }],
    [
      'an SOA record',
      {
        ...header,
        name: 'cluster.local.',
        type: 'SOA',
        mname: 'ns.dns.cluster.local.',
        rname: 'hostmaster.cluster.local.',
        serial: 1700000000,
        refresh: 7200,
        retry: 1800,
        expire: 86400,
        minimum: 30,
      },
    ],
  ])('round-trips %s', (_sentence, record) => {
    const message = reply([record]);
    expect(decodeMessage(encodeMessage(message))).toEqual(message);
  });

  it('round-trips the flags and rcode', () => {
    const message = replyTo(queryMessage(7, question('nope.shop.svc.cluster.local', 'A')), 'NXDOMAIN');
    message.flags = { aa: true, tc: true, rd: true, ra: true };
    expect(decodeMessage(encodeMessage(message))).toEqual(message);
  });

  it('follows compression pointers', () => {
    const bytes = [
      ...[0, 1, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0],
      ...[3, 119, 101, 98, 0, 0, 1, 0, 1], // question: web. A IN, name at offset 12
      ...[0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 5, 0, 4, 10, 96, 3, 7], // answer: pointer to offset 12
    ];
    const message = decodeMessage(Uint8Array.from(bytes));
    expect(message.answer).toEqual([{ name: 'web.', class: 'IN', ttl: 5, type: 'A', address: '10.96.3.7' }]);
    expect(message.flags).toEqual({ aa: false, tc: false, rd: true, ra: true });
  });

  it.each<[string, number[]]>([
    ['a message shorter than its header', [0, 1, 0]],
    ['a name running past the end', [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5, 119, 101]],
    ['a compression loop', [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1]],
  ])('refuses %s', (_sentence, bytes) => {
    expect(() => decodeMessage(Uint8Array.from(bytes))).toThrow(DnsWireError);
  });
});
