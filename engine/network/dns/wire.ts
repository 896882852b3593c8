// DNS messages in their RFC 1035 wire format, for the places real bytes meet the simulation (a port-forward to
// port 53, a packet capture): the 12-byte header, questions, and records of the types the model holds. Encoding
// writes names uncompressed; decoding follows compression pointers (RFC 1035 §4.1.4) and skips records of types
// the model does not hold. Malformed input throws a DnsWireError (a server answers FORMERR).

import { formatIPv4, parseIPv4 } from '../ip.ts';
import type { DnsMessage, Question, Rcode, ResourceRecord, RRType } from './message.ts';

export class DnsWireError extends Error {}

const TYPE_CODES: Record<RRType, number> = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  ANY: 255,
};
const TYPES = new Map(Object.entries(TYPE_CODES).map(([type, code]) => [code, type as RRType]));
const RCODES: Rcode[] = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];
const CLASS_IN = 1;
const HEADER_LENGTH = 12;
const MAX_POINTER_HOPS = 64;

export function encodeMessage(message: DnsMessage): Uint8Array {
  const out: number[] = [];
  const u16 = (v: number) => out.push((v >>> 8) & 255, v & 255);
  const u32 = (v: number) => out.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
  const { flags } = message;
  u16(message.id);
  out.push((message.qr ? 0x80 : 0) | (flags.aa ? 4 : 0) | (flags.tc ? 2 : 0) | (flags.rd ? 1 : 0));
  out.push((flags.ra ? 0x80 : 0) | RCODES.indexOf(message.rcode));
  for (const section of [message.question, message.answer, message.authority, message.additional]) u16(section.length);
  for (const q of message.question) {
    out.push(...encodeName(q.name));
    u16(TYPE_CODES[q.type]);
    u16(CLASS_IN);
  }
  for (const record of [...message.answer, ...message.authority, ...message.additional]) {
    out.push(...encodeName(record.name));
    u16(TYPE_CODES[record.type]);
    u16(CLASS_IN);
    u32(record.ttl);
    const data = encodeData(record);
    u16(data.length);
    out.push(...data);
  }
  return Uint8Array.from(out);
}

function encodeName(name: string): number[] {
  const bytes: number[] = [];
  for (const label of name.split('.').filter(Boolean)) {
    const encoded = new TextEncoder().encode(label);
    if (encoded.length > 63) throw new DnsWireError(`label longer than 63 bytes in ${name}`);
    bytes.push(encoded.length, ...encoded);
  }
  bytes.push(0);
  if (bytes.length > 255) throw new DnsWireError(`name longer than 255 bytes: ${name}`);
  return bytes;
}

function encodeData(record: ResourceRecord): number[] {
  const u16 = (v: number) => [(v >>> 8) & 255, v & 255];
  const u32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  switch (record.type) {
    case 'A':
      return u32(parseIPv4(record.address) ?? 0);
    case 'AAAA':
      return ipv6Bytes(record.address);
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return encodeName(record.target);
    case 'SRV':
      return [...u16(record.priority), ...u16(record.weight), ...u16(record.port), ...encodeName(record.target)];
    case 'TXT':
      return record.text.flatMap((text) => {
        const bytes = [...new TextEncoder().encode(text)].slice(0, 255);
        return [bytes.length, ...bytes];
      });
    case 'SOA':
      return [
        ...encodeName(record.mname),
        ...encodeName(record.rname),
        ...[record.serial, record.refresh, record.retry, record.expire, record.minimum].flatMap(u32),
      ];
  }
}

function ipv6Bytes(text: string): number[] {
  const [head = '', tail] = text.split('::');
  const groups = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  if (all.length !== 8 || all.some((g) => !(g >= 0 && g <= 0xffff))) throw new DnsWireError(`bad IPv6 address ${text}`);
  return all.flatMap((g) => [g >>> 8, g & 255]);
}

export function decodeMessage(bytes: Uint8Array): DnsMessage {
  if (bytes.length < HEADER_LENGTH) throw new DnsWireError('message shorter than its header');
  const reader = new Reader(bytes);
  const id = reader.u16();
  const b2 = reader.u8();
  const b3 = reader.u8();
  const counts = [reader.u16(), reader.u16(), reader.u16(), reader.u16()] as const;
  const rcode = RCODES[b3 & 15];
  if (!rcode) throw new DnsWireError(`unknown rcode ${b3 & 15}`);
  const question: Question[] = [];
  for (let i = 0; i < counts[0]; i++) {
    const name = reader.name();
    const type = TYPES.get(reader.u16());
    if (!type || reader.u16() !== CLASS_IN) throw new DnsWireError(`unsupported question for ${name}`);
    question.push({ name, type, class: 'IN' });
  }
  const sections = counts.slice(1).map((count) => {
    const records: ResourceRecord[] = [];
    for (let i = 0; i < count; i++) {
      const record = reader.record();
      if (record) records.push(record);
    }
    return records;
  });
  return {
    id,
    qr: (b2 & 0x80) !== 0,
    flags: { aa: (b2 & 4) !== 0, tc: (b2 & 2) !== 0, rd: (b2 & 1) !== 0, ra: (b3 & 0x80) !== 0 },
    rcode,
    question,
    answer: sections[0] ?? [],
    authority: sections[1] ?? [],
    additional: sections[2] ?? [],
  };
}

class Reader {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  u8(): number {
    if (this.offset >= this.bytes.length) throw new DnsWireError('message ends early');
    return this.bytes[this.offset++]!;
  }

  u16(): number {
    return (this.u8() << 8) | this.u8();
  }

  u32(): number {
    return ((this.u16() << 16) >>> 0) + this.u16();
  }

  /** A name at the current offset, following compression pointers. */
  name(): string {
    const labels: string[] = [];
    let at = this.offset;
    let resume: number | undefined;
    for (let hops = 0; ;) {
      const length = this.bytes[at];
      if (length === undefined) throw new DnsWireError('name runs past the message');
      if (length === 0) {
        at += 1;
        break;
      }
      if ((length & 0xc0) === 0xc0) {
        if (++hops > MAX_POINTER_HOPS) throw new DnsWireError('compression loop');
        resume ??= at + 2;
        at = ((length & 0x3f) << 8) | (this.bytes[at + 1] ?? 0);
        continue;
      }
      if (at + 1 + length > this.bytes.length) throw new DnsWireError('label runs past the message');
      labels.push(new TextDecoder().decode(this.bytes.subarray(at + 1, at + 1 + length)).toLowerCase());
      at += 1 + length;
    }
    this.offset = resume ?? at;
    return labels.length ? `${labels.join('.')}.` : '.';
  }

  /** The next record, or undefined for a type the model does not hold (skipped). */
  record(): ResourceRecord | undefined {
    const name = this.name();
    const type = TYPES.get(this.u16());
    this.u16();
    const ttl = this.u32();
    const length = this.u16();
    const end = this.offset + length;
    if (end > this.bytes.length) throw new DnsWireError(`record data of ${name} runs past the message`);
    const header = { name, class: 'IN' as const, ttl };
    let record: ResourceRecord | undefined;
    switch (type) {
      case 'A':
        record = { ...header, type, address: formatIPv4(this.u32()) };
        break;
      case 'AAAA': {
        const groups = Array.from({ length: 8 }, () => this.u16().toString(16));
        record = { ...header, type, address: groups.join(':') };
        break;
      }
      case 'CNAME':
      case 'NS':
      case 'PTR':
        record = { ...header, type, target: this.name() };
        break;
      case 'SRV':
        record = { ...header, type, priority: this.u16(), weight: this.u16(), port: this.u16(), target: this.name() };
        break;
      case 'TXT': {
        const text: string[] = [];
        while (this.offset < end) {
          const n = this.u8();
          text.push(new TextDecoder().decode(this.bytes.subarray(this.offset, this.offset + n)));
          this.offset += n;
        }
        record = { ...header, type, text };
        break;
      }
      case 'SOA': {
        const mname = this.name();
        const rname = this.name();
        const [serial, refresh, retry, expire, minimum] = [this.u32(), this.u32(), this.u32(), this.u32(), this.u32()];
        record = { ...header, type, mname, rname, serial, refresh, retry, expire, minimum };
        break;
      }
    }
    this.offset = end;
    return record;
  }
}
