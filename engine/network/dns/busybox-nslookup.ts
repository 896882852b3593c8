// busybox's `nslookup` (networking/nslookup.c): its own query list — a bare address becomes one PTR query, anything
// else A and AAAA queries, each expanded over resolv.conf's search domains only when the name has no dot at all
// (no ndots, no as-is try) — and its output: the server header on the first reply, then per query either
// `** server can't find <name>: <RCODE>` or the answer records, each followed by an empty line. Any rcode other
// than NOERROR makes the exit status 1, so `nslookup web` in a pod fails even when one search domain answered.

import { parseIPv4 } from '../ip.ts';
import type { DnsMessage, Question, RRType, ResourceRecord } from './message.ts';
import { question, queryMessage } from './message.ts';
import { reverseName } from './names.ts';
import type { ResolvConf } from './resolv-conf.ts';
import type { DnsTransport, SentQuery } from './stub-resolver.ts';

export interface NslookupOptions {
  /** `nslookup NAME SERVER`: ask this server, without a search list. */
  server?: string;
  /** `-type=`: only this type. */
  type?: RRType;
}

export interface NslookupRun {
  stdout: string;
  exitCode: number;
  queries: SentQuery[];
}

const DNS_PORT = 53;

/** The queries busybox nslookup sends for `name`, as [printed name, question]. */
export function nslookupQueries(name: string, searches: string[], type?: RRType): [string, Question][] {
  const withSearch = (t: RRType): [string, Question][] => {
    const names =
      t === 'PTR' || searches.length === 0 || name.includes('.') ? [name] : searches.map((d) => `${name}.${d}`);
    return names.map((n) => [n, question(n, t)]);
  };
  if (type) return withSearch(type);
  if (parseIPv4(name) !== undefined) {
    const ptr = reverseName(name).slice(0, -1);
    return [[ptr, question(ptr, 'PTR')]];
  }
  return [...withSearch('A'), ...withSearch('AAAA')];
}

/** Runs `nslookup name [server]` in a pod with `resolvConf`, sending through `transport`. */
export function busyboxNslookup(
  name: string,
  resolvConf: ResolvConf,
  transport: DnsTransport,
  options: NslookupOptions = {},
): NslookupRun {
  const servers = options.server
    ? [options.server]
    : resolvConf.nameservers.length
      ? resolvConf.nameservers
      : ['127.0.0.1'];
  const plan = nslookupQueries(name, options.server ? [] : resolvConf.searches, options.type);
  const queries: SentQuery[] = [];
  let stdout = '';
  let exitCode = 0;
  for (const server of servers) {
    const replies = plan.map(([, q], i) => {
      const reply = transport(server, queryMessage(i + 1, q));
      queries.push({ nameserver: server, question: q, reply });
      return reply;
    });
    if (replies.every((r) => r === undefined)) continue;
    stdout += `Server:\t\t${server}\nAddress:\t${server}:${DNS_PORT}\n\n`;
    let unanswered = false;
    replies.forEach((reply, i) => {
      const printed = plan[i]![0];
      if (!reply) {
        unanswered = true;
        return;
      }
      if (reply.rcode !== 'NOERROR') {
        stdout += `** server can't find ${printed}: ${reply.rcode}\n`;
        exitCode = 1;
      } else stdout += formatReply(reply);
      stdout += '\n';
    });
    replies.forEach((reply, i) => {
      if (!reply) stdout += `*** Can't find ${plan[i]![0]}: No answer\n`;
    });
    if (unanswered) stdout += '\n';
    return { stdout, exitCode: unanswered ? 1 : exitCode, queries };
  }
  return { stdout: ';; connection timed out; no servers could be reached\n\n', exitCode: 1, queries };
}

function formatReply(reply: DnsMessage): string {
  let text = reply.flags.aa ? '' : 'Non-authoritative answer:\n';
  for (const record of reply.answer) text += formatRecord(record);
  return text;
}

function bare(name: string): string {
  return name.endsWith('.') && name.length > 1 ? name.slice(0, -1) : name;
}

function formatRecord(r: ResourceRecord): string {
  const name = bare(r.name);
  switch (r.type) {
    case 'A':
    case 'AAAA':
      return `Name:\t${name}\nAddress: ${r.address}\n`;
    case 'NS':
      return `${name}\tnameserver = ${bare(r.target)}\n`;
    case 'CNAME':
      return `${name}\tcanonical name = ${bare(r.target)}\n`;
    case 'PTR':
      return `${name}\tname = ${bare(r.target)}\n`;
    case 'TXT':
      return r.text[0] ? `${name}\ttext = "${r.text[0]}"\n` : '';
    case 'SRV':
      return `${name}\tservice = ${r.priority} ${r.weight} ${r.port} ${bare(r.target)}\n`;
    case 'SOA':
      return (
        `${name}\n\torigin = ${bare(r.mname)}\n\tmail addr = ${bare(r.rname)}\n\tserial = ${r.serial}\n` +
        `\trefresh = ${r.refresh}\n\tretry = ${r.retry}\n\texpire = ${r.expire}\n\tminimum = ${r.minimum}\n`
      );
  }
}
