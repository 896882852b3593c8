// CoreDNS's kubernetes plugin (plugin/kubernetes, with plugin/backend_lookup.go's record building), answering from
// a ClusterDnsIndex: A for a Service's cluster IP or a headless Service's ready endpoints, SRV per named port with
// the targets' addresses as additional records, endpoint names (`hostname.svc.ns.svc.zone`), pod names
// (`1-2-3-4.ns.pod.zone`) by pod mode, CNAME for ExternalName Services, PTR for cluster and endpoint IPs, the
// `dns-version` TXT, SOA and NS at the apex. A name that does not exist is NXDOMAIN (SERVFAIL before the caches
// synced), a name without records of the type NODATA; both carry the zone's SOA. Out-of-zone names, and NXDOMAIN in
// fallthrough zones, go to the next plugin.

import { parseIPv4 } from '../ip.ts';
import type { ClusterDnsIndex } from './cluster-dns-index.ts';
import type { DnsService } from './cluster-objects.ts';
import { endpointHostname, isHeadless } from './cluster-objects.ts';
import type { DnsMessage, Question, ResourceRecord } from './message.ts';
import { fqdn, question } from './message.ts';
import { addressFromReverse, inZone, labelsBelow, matchZone } from './names.ts';
import type { RecordRequest } from './record-request.ts';
import { parseRequest } from './record-request.ts';

export type PodMode = 'disabled' | 'insecure' | 'verified';

export interface KubernetesPluginOptions {
  /** Absolute zones the plugin is authoritative for; the first that is not a reverse zone names the records. */
  zones: string[];
  /** `pods`: how `1-2-3-4.ns.pod.<zone>` is answered. */
  pods: PodMode;
  /** `ttl` of every answer (the plugin's default is 5, kubeadm's Corefile sets 30). */
  ttl: number;
  /** `endpoint_pod_names`: endpoints without a hostname are named after their pod. */
  endpointPodNames: boolean;
  /** `ignore empty_service`: a ClusterIP Service without ready endpoints is NXDOMAIN. */
  ignoreEmptyService: boolean;
  /** `namespaces`: only these are exposed (empty: all). */
  namespaces: string[];
  /** `fallthrough`: zones whose NXDOMAIN goes to the next plugin; [] means all zones, undefined none. */
  fallthrough: string[] | undefined;
  /** Whether the plugin's caches have synced; until then a missing name is SERVFAIL. */
  hasSynced: () => boolean;
  /** The addresses of the CoreDNS pods, which NS answers name through the Service that selects them. */
  localIPs: () => string[];
}

export const KUBERNETES_PLUGIN_DEFAULTS: KubernetesPluginOptions = {
  zones: ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.'],
  pods: 'insecure',
  ttl: 5,
  endpointPodNames: false,
  ignoreEmptyService: false,
  namespaces: [],
  fallthrough: ['in-addr.arpa.', 'ip6.arpa.'],
  hasSynced: () => true,
  localIPs: () => [],
};

/** The plugin's answer, or undefined when the query is for the next plugin. */
export type PluginAnswer = Pick<DnsMessage, 'rcode' | 'answer' | 'authority' | 'additional'> & { aa: boolean };

/** Resolves names outside the zones (the forward plugin behind this one): ExternalName targets. */
export type UpstreamLookup = (q: Question) => DnsMessage;

/** What a name holds in the cluster: an address or a name (CNAME), the port, and the record's own name. */
interface Entry {
  host: string;
  port: number;
  /** The name an SRV record points at. */
  target: string;
}

const NAME_ERROR = undefined;
const DNS_SCHEMA_VERSION = '1.1.0';
const MAX_CNAME_CHAIN = 10;
const SRV_WEIGHT = 100;
const HOSTMASTER = 'hostmaster';
const DEFAULT_NS = 'ns.dns.';

export class KubernetesPlugin {
  private readonly options: KubernetesPluginOptions;
  private readonly primaryZone: string;

  constructor(
    private readonly index: ClusterDnsIndex,
    private readonly upstream: UpstreamLookup,
    options: Partial<KubernetesPluginOptions> = {},
  ) {
    this.options = { ...KUBERNETES_PLUGIN_DEFAULTS, ...options };
    this.options.zones = this.options.zones.map(fqdn);
    this.options.fallthrough = this.options.fallthrough?.map(fqdn);
    this.primaryZone = this.options.zones.find((z) => !isReverse(z)) ?? this.options.zones[0] ?? '.';
  }

  serve(q: Question): PluginAnswer | undefined {
    const name = fqdn(q.name);
    const zone = matchZone(name, this.options.zones);
    if (zone === undefined) return undefined;
    let answer: ResourceRecord[] | undefined = [];
    let additional: ResourceRecord[] = [];
    switch (q.type) {
      case 'A':
      case 'AAAA':
        answer = this.address(name, zone, q.type, []);
        break;
      case 'TXT':
        answer = this.txt(name, zone);
        break;
      case 'CNAME':
        answer = this.cname(name, zone);
        break;
      case 'PTR':
        answer = this.ptr(name, zone);
        break;
      case 'SRV': {
        const srv = this.srv(name, zone);
        answer = srv?.answer;
        additional = srv?.additional ?? [];
        break;
      }
      case 'SOA':
        if (name === zone) answer = [this.soa(zone)];
        break;
      case 'NS':
        if (name === zone) {
          const ns = this.ns(zone);
          answer = ns.answer;
          additional = ns.additional;
          break;
        }
        answer = this.address(name, zone, 'A', []) && [];
        break;
      case 'ANY':
        // Only tells NODATA from NXDOMAIN, as CoreDNS's fake A lookup does.
        answer = this.address(name, zone, 'A', []) && [];
        break;
    }
    if (answer === NAME_ERROR) {
      if (this.fallsThrough(name)) return undefined;
      return this.negative(this.options.hasSynced() ? 'NXDOMAIN' : 'SERVFAIL', zone);
    }
    if (answer.length === 0) return this.negative('NOERROR', zone);
    return { rcode: 'NOERROR', aa: true, answer, authority: [], additional };
  }

  private negative(rcode: PluginAnswer['rcode'], zone: string): PluginAnswer {
    return { rcode, aa: true, answer: [], authority: [this.soa(zone)], additional: [] };
  }

  private fallsThrough(name: string): boolean {
    const zones = this.options.fallthrough;
    if (zones === undefined) return false;
    return zones.length === 0 || zones.some((zone) => inZone(name, zone));
  }

  /** What `name` holds: undefined if it does not exist, [] if it exists without records. */
  private records(name: string, zone: string): Entry[] | undefined {
    const request = parseRequest(name, zone);
    if (!request) return NAME_ERROR;
    if (request.podOrSvc === '') return [];
    if (isReverse(name) || !this.namespaceExposed(request.namespace)) return NAME_ERROR;
    return request.podOrSvc === 'pod' ? this.findPods(request) : this.findServices(request, zone);
  }

  private namespaceExposed(namespace: string): boolean {
    const only = this.options.namespaces;
    return (only.length === 0 || only.includes(namespace)) && this.index.hasNamespace(namespace);
  }

  private findPods(request: RecordRequest): Entry[] | undefined {
    if (this.options.pods === 'disabled') return NAME_ERROR;
    const podName = request.service;
    if (podName === '') return [];
    const ip = podName.replaceAll('-', '.');
    if (parseIPv4(ip) === undefined || podName.includes('--')) return NAME_ERROR;
    if (this.options.pods === 'verified' && !this.index.hasPod(ip, request.namespace)) return NAME_ERROR;
    return [{ host: ip, port: 0, target: '' }];
  }

  private findServices(request: RecordRequest, zone: string): Entry[] | undefined {
    if (request.service === '') return [];
    const service = this.index.service(request.service, request.namespace);
    if (!service || (this.options.ignoreEmptyService && this.isEmpty(service))) return NAME_ERROR;
    const domain = `${service.name}.${service.namespace}.svc.${zone}`;
    if (service.type === 'ExternalName') {
      if (request.endpoint || request.port || request.protocol) return NAME_ERROR;
      // An external name that is an address answers nothing: only names become CNAMEs.
      if (isAddress(service.externalName)) return NAME_ERROR;
      return [{ host: service.externalName, port: 0, target: domain }];
    }
    const entries: Entry[] = [];
    let found = false;
    if (isHeadless(service) || request.endpoint) {
      for (const endpoints of this.index.endpointsOf(service.name, service.namespace)) {
        for (const address of endpoints.addresses) {
          const hostname = endpointHostname(address, this.options.endpointPodNames);
          if (request.endpoint && request.endpoint !== hostname.toLowerCase()) continue;
          for (const port of endpoints.ports) {
            if (!matchPortAndProtocol(request, port)) continue;
            found = true;
            entries.push({ host: address.ip, port: port.port, target: `${hostname}.${domain}` });
          }
        }
      }
      return found ? entries : NAME_ERROR;
    }
    for (const port of service.ports) {
      if (!matchPortAndProtocol(request, port)) continue;
      found = true;
      for (const ip of service.clusterIPs) entries.push({ host: ip, port: port.port, target: domain });
    }
    return found ? entries : NAME_ERROR;
  }

  private isEmpty(service: DnsService): boolean {
    if (service.type === 'ExternalName' || isHeadless(service)) return false;
    return this.index.endpointsOf(service.name, service.namespace).every((e) => e.addresses.length === 0);
  }

  /** A or AAAA records of `name`, following CNAMEs inside the zone and asking upstream for the rest. */
  private address(
    name: string,
    zone: string,
    type: 'A' | 'AAAA',
    chain: ResourceRecord[],
  ): ResourceRecord[] | undefined {
    const entries = name === zone ? [] : this.isDefaultNS(name, zone) ? this.nsEntries(zone) : this.records(name, zone);
    if (!entries) return NAME_ERROR;
    const records: ResourceRecord[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      if (!isAddress(entry.host)) {
        const target = fqdn(entry.host);
        if (target === name || chain.length > MAX_CNAME_CHAIN) continue;
        if (chain.some((r) => r.type === 'CNAME' && r.name === name && r.target === target)) continue;
        const cname: ResourceRecord = { name, class: 'IN', ttl: this.options.ttl, type: 'CNAME', target };
        if (inZone(target, zone)) {
          const next = this.address(target, zone, type, [...chain, cname]);
          if (next?.length) records.push(cname, ...next);
        } else {
          records.push(cname, ...this.upstream(question(target, type)).answer);
        }
        continue;
      }
      const family = parseIPv4(entry.host) !== undefined ? 'A' : 'AAAA';
      if (family !== type || seen.has(entry.host)) continue;
      seen.add(entry.host);
      records.push({ name, class: 'IN', ttl: this.options.ttl, type, address: entry.host });
    }
    return records;
  }

  private srv(name: string, zone: string): { answer: ResourceRecord[]; additional: ResourceRecord[] } | undefined {
    const found = this.records(name, zone);
    if (!found) return NAME_ERROR;
    // SRV for ExternalName Services is not implemented upstream: their CNAME entries are dropped.
    const entries = found.filter((e) => isAddress(e.host));
    const weight = Math.max(1, Math.floor((SRV_WEIGHT / (SRV_WEIGHT * entries.length)) * SRV_WEIGHT));
    const answer: ResourceRecord[] = [];
    const additional: ResourceRecord[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      if (entry.port === -1) continue;
      const target = fqdn(entry.target);
      if (!seen.has(`${target} ${entry.port}`)) {
        seen.add(`${target} ${entry.port}`);
        answer.push({
          name,
          class: 'IN',
          ttl: this.options.ttl,
          type: 'SRV',
          priority: 0,
          weight,
          port: entry.port,
          target,
        });
      }
      if (!seen.has(`${target} ${entry.host}`)) {
        seen.add(`${target} ${entry.host}`);
        const type = parseIPv4(entry.host) !== undefined ? 'A' : 'AAAA';
        additional.push({ name: target, class: 'IN', ttl: this.options.ttl, type, address: entry.host });
      }
    }
    return { answer, additional };
  }

  private txt(name: string, zone: string): ResourceRecord[] | undefined {
    const labels = labelsBelow(name, zone);
    if (labels.length === 1 && labels[0] === 'dns-version') {
      return [{ name, class: 'IN', ttl: 28800, type: 'TXT', text: [DNS_SCHEMA_VERSION] }];
    }
    // A name with records of another type answers NODATA; anything else, even an empty namespace, NXDOMAIN.
    return this.records(name, zone)?.length ? [] : NAME_ERROR;
  }

  private cname(name: string, zone: string): ResourceRecord[] | undefined {
    const entries = this.records(name, zone);
    if (!entries) return NAME_ERROR;
    const first = entries[0];
    if (!first || isAddress(first.host)) return [];
    return [{ name, class: 'IN', ttl: this.options.ttl, type: 'CNAME', target: fqdn(first.host) }];
  }

  private ptr(name: string, zone: string): ResourceRecord[] | undefined {
    const ip = addressFromReverse(name);
    if (ip === undefined) return this.records(name, zone) && [];
    const targets = new Set<string>();
    const restricted = this.options.namespaces.length > 0;
    const service = this.index.servicesWithIP(ip).find((s) => !restricted || this.namespaceExposed(s.namespace));
    if (service) targets.add(`${service.name}.${service.namespace}.svc.${this.primaryZone}`);
    else {
      for (const endpoints of this.index.endpointsWithIP(ip)) {
        if (restricted && !this.namespaceExposed(endpoints.namespace)) continue;
        for (const address of endpoints.addresses) {
          if (address.ip !== ip) continue;
          const hostname = endpointHostname(address, this.options.endpointPodNames);
          targets.add(`${hostname}.${endpoints.service}.${endpoints.namespace}.svc.${this.primaryZone}`);
        }
      }
    }
    if (targets.size === 0) return NAME_ERROR;
    return [...targets].map((target) => ({ name, class: 'IN', ttl: this.options.ttl, type: 'PTR', target }));
  }

  private soa(zone: string): ResourceRecord {
    const ttl = this.options.ttl;
    return {
      name: zone,
      class: 'IN',
      ttl: Math.min(ttl, 300),
      type: 'SOA',
      mname: `${DEFAULT_NS}${zone}`,
      rname: `${HOSTMASTER}.${zone}`,
      serial: this.index.serial,
      refresh: 7200,
      retry: 1800,
      expire: 86400,
      minimum: ttl,
    };
  }

  private ns(zone: string): { answer: ResourceRecord[]; additional: ResourceRecord[] } {
    const answer: ResourceRecord[] = [];
    const additional: ResourceRecord[] = [];
    const ttl = this.options.ttl;
    for (const entry of this.nsEntries(zone)) {
      const type = parseIPv4(entry.host) !== undefined ? 'A' : 'AAAA';
      additional.push({ name: entry.target, class: 'IN', ttl, type, address: entry.host });
      if (!answer.some((r) => r.type === 'NS' && r.target === entry.target)) {
        answer.push({ name: zone, class: 'IN', ttl, type: 'NS', target: entry.target });
      }
    }
    return { answer, additional };
  }

  private isDefaultNS(name: string, zone: string): boolean {
    return name === `${DEFAULT_NS}${zone}`;
  }

  /** CoreDNS's own names: the Services selecting its pods (their endpoints for headless ones), else ns.dns.<zone>. */
  private nsEntries(zone: string): Entry[] {
    const localIPs = this.options.localIPs();
    const entries: Entry[] = [];
    let foundEndpoint = false;
    for (const ip of localIPs) {
      for (const endpoints of this.index.endpointsWithIP(ip)) {
        foundEndpoint = true;
        const service = this.index.service(endpoints.service, endpoints.namespace);
        if (!service) continue;
        const domain = `${service.name}.${service.namespace}.svc.${zone}`;
        if (isHeadless(service)) {
          for (const a of endpoints.addresses) {
            const target = `${endpointHostname(a, this.options.endpointPodNames)}.${domain}`;
            entries.push({ host: a.ip, port: 0, target });
          }
        } else {
          for (const clusterIP of service.clusterIPs) entries.push({ host: clusterIP, port: 0, target: domain });
        }
      }
    }
    if (foundEndpoint) return entries;
    return localIPs.map((ip) => ({ host: ip, port: 0, target: `${DEFAULT_NS}${zone}` }));
  }
}

function matchPortAndProtocol(request: RecordRequest, port: { name: string; protocol: string }): boolean {
  return (
    (request.port === '' || request.port === port.name.toLowerCase()) &&
    (request.protocol === '' || request.protocol === port.protocol.toLowerCase())
  );
}

function isAddress(host: string): boolean {
  return parseIPv4(host) !== undefined || (host.includes(':') && /^[0-9a-f:.]+$/i.test(host));
}

function isReverse(name: string): boolean {
  return name.endsWith('in-addr.arpa.') || name.endsWith('ip6.arpa.');
}
