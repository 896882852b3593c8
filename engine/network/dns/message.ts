// The DNS message model (RFC 1035): a header with its flags and rcode, the question, and the answer, authority and
// additional sections of resource records. Names are absolute and lower-case with their trailing dot
// (`web.default.svc.cluster.local.`), as they travel on the wire and as dig prints them.

export type RRType = 'A' | 'AAAA' | 'CNAME' | 'NS' | 'PTR' | 'SOA' | 'SRV' | 'TXT' | 'ANY';

export type Rcode = 'NOERROR' | 'FORMERR' | 'SERVFAIL' | 'NXDOMAIN' | 'NOTIMP' | 'REFUSED';

export interface Question {
  name: string;
  type: RRType;
  class: 'IN';
}

interface RecordHeader {
  name: string;
  class: 'IN';
  /** Seconds a resolver may cache the record. */
  ttl: number;
}

export type ResourceRecord = RecordHeader &
  (
    | { type: 'A' | 'AAAA'; address: string }
    | { type: 'CNAME' | 'NS' | 'PTR'; target: string }
    | { type: 'SRV'; priority: number; weight: number; port: number; target: string }
    | { type: 'TXT'; text: string[] }
    | {
        type: 'SOA';
        mname: string;
        rname: string;
        serial: number;
        refresh: number;
        retry: number;
        expire: number;
        minimum: number;
      }
  );

export interface DnsFlags {
  /** Authoritative answer. */
  aa: boolean;
  /** Truncated. */
  tc: boolean;
  /** Recursion desired (set by the client, copied into the reply). */
  rd: boolean;
  /** Recursion available. */
  ra: boolean;
}

export interface DnsMessage {
  id: number;
  /** true in a response. */
  qr: boolean;
  flags: DnsFlags;
  rcode: Rcode;
  question: Question[];
  answer: ResourceRecord[];
  authority: ResourceRecord[];
  additional: ResourceRecord[];
}

/** `Web.Default` → `web.default.`: the canonical, absolute form every name is compared in. */
export function fqdn(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

export function question(name: string, type: RRType): Question {
  return { name: fqdn(name), type, class: 'IN' };
}

/** A query as a stub resolver sends it: one question, recursion desired. */
export function queryMessage(id: number, q: Question): DnsMessage {
  return {
    id,
    qr: false,
    flags: { aa: false, tc: false, rd: true, ra: false },
    rcode: 'NOERROR',
    question: [q],
    answer: [],
    authority: [],
    additional: [],
  };
}

/** The empty reply to a query: its id, question and rd flag, with the given rcode. */
export function replyTo(query: DnsMessage, rcode: Rcode): DnsMessage {
  return {
    id: query.id,
    qr: true,
    flags: { aa: false, tc: false, rd: query.flags.rd, ra: false },
    rcode,
    question: query.question.map((q) => ({ ...q })),
    answer: [],
    authority: [],
    additional: [],
  };
}
