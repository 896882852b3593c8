// A container's environment and command line, as the kubelet and containerd build them: the image's ENV, then
// envFrom ConfigMaps and Secrets, then env entries (values with $(VAR) references expanded, the downward API's
// fields and resources, keys of ConfigMaps and Secrets), the Service variables, plus HOSTNAME; the command is the
// container's command or the image's ENTRYPOINT, the arguments its args or (without a command) the image's CMD,
// both expanded.

import type { KubeObject } from '../../api/object.ts';
import { Quantity } from '../../api/quantity.ts';
import type { ImageDefinition } from '../images/program.ts';
import { metadataField } from './downward-api.ts';
import type { Container, EnvVar, PodSpec } from './pod-types.ts';
import { serviceEnv } from './service-env.ts';
import type { ServiceLister } from './service-env.ts';

/** Reads ConfigMaps and Secrets (undefined when they do not exist), and lists Services. */
export interface EnvSources {
  configMap(namespace: string, name: string): Promise<KubeObject | undefined>;
  secret(namespace: string, name: string): Promise<KubeObject | undefined>;
  services: ServiceLister;
}

export interface EnvContext {
  pod: KubeObject;
  container: Container;
  image: ImageDefinition;
  hostname: string;
  hostIP: string;
  podIP: string;
  /** The node's allocatable CPU (millicores) and memory (bytes), for limits a container leaves unset. */
  allocatable: { cpuMillis: number; memoryBytes: number };
  sources: EnvSources;
}

export type EnvResult = { ok: true; env: Record<string, string> } | { ok: false; message: string };

/** Expands $(VAR) references from `env`; $$ is a literal $, unknown references stay as written. */
export function expandVariables(text: string, env: Readonly<Record<string, string>>): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '$' || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const close = text.indexOf(')', i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const name = text.slice(i + 2, close);
      out += name in env ? env[name] : `$(${name})`;
      i = close;
    } else out += ch;
  }
  return out;
}

/** The process's argv: command (or ENTRYPOINT) then args (or, without a command, CMD), expanded. */
export function containerArgv(container: Container, image: ImageDefinition, env: Record<string, string>): string[] {
  const expand = (s: string) => expandVariables(s, env);
  const hasCommand = (container.command?.length ?? 0) > 0;
  const command = hasCommand ? container.command!.map(expand) : image.entrypoint;
  const args = container.args?.length ? container.args.map(expand) : hasCommand ? [] : image.cmd;
  return [...command, ...args];
}

function decodeSecret(value: unknown): string {
  return typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : '';
}

function dataOf(obj: KubeObject, secret: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  const data = (obj['data'] ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(data)) out[k] = secret ? decodeSecret(v) : String(v);
  if (!secret) {
    for (const [k, v] of Object.entries((obj['binaryData'] ?? {}) as Record<string, unknown>)) out[k] = decodeSecret(v);
  }
  return out;
}

function fieldValue(path: string, ctx: EnvContext): string {
  const metadata = metadataField(ctx.pod, path);
  if (metadata !== undefined) return metadata;
  const spec = (ctx.pod['spec'] ?? {}) as Record<string, unknown>;
  switch (path) {
    case 'spec.nodeName':
      return String(spec['nodeName'] ?? '');
    case 'spec.serviceAccountName':
      return String(spec['serviceAccountName'] ?? '');
    case 'status.hostIP':
    case 'status.hostIPs':
      return ctx.hostIP;
    case 'status.podIP':
    case 'status.podIPs':
      return ctx.podIP;
    default:
      return '';
  }
}

function resourceValue(
  ref: NonNullable<NonNullable<EnvVar['valueFrom']>['resourceFieldRef']>,
  ctx: EnvContext,
): string {
  const [kind, resource] = ref.resource.split('.') as [string, string];
  const resources = ctx.container.resources ?? {};
  const set = (kind === 'limits' ? resources.limits : resources.requests) ?? {};
  const raw = set[resource];
  const divisor = Quantity.parse(ref.divisor ?? '1');
  if (resource === 'cpu') {
    const millis = raw ? Quantity.parse(raw).milliValue() : kind === 'limits' ? ctx.allocatable.cpuMillis : 0;
    return String(Math.ceil(millis / Math.max(divisor.milliValue(), 1)));
  }
  const fallback = resource === 'memory' && kind === 'limits' ? ctx.allocatable.memoryBytes : 0;
  const bytes = raw ? Quantity.parse(raw).value() : fallback;
  return String(Math.ceil(bytes / Math.max(divisor.value(), 1)));
}

export async function containerEnv(ctx: EnvContext): Promise<EnvResult> {
  const namespace = ctx.pod.metadata.namespace ?? 'default';
  const env: Record<string, string> = { ...ctx.image.env, HOSTNAME: ctx.hostname };
  const links = (ctx.pod['spec'] as PodSpec | undefined)?.enableServiceLinks !== false;
  const services = serviceEnv(ctx.sources.services, namespace, links);
  const own: Record<string, string> = {};
  for (const source of ctx.container.envFrom ?? []) {
    const ref = source.configMapRef ?? source.secretRef;
    if (!ref) continue;
    const secret = source.secretRef !== undefined;
    const obj = secret
      ? await ctx.sources.secret(namespace, ref.name)
      : await ctx.sources.configMap(namespace, ref.name);
    if (!obj) {
      if (ref.optional) continue;
      return { ok: false, message: `${secret ? 'secret' : 'configmap'} "${ref.name}" not found` };
    }
    for (const [k, v] of Object.entries(dataOf(obj, secret))) own[`${source.prefix ?? ''}${k}`] = v;
  }
  for (const v of ctx.container.env ?? []) {
    const from = v.valueFrom;
    if (!from) {
      own[v.name] = expandVariables(v.value ?? '', { ...services, ...own });
      continue;
    }
    if (from.fieldRef) own[v.name] = fieldValue(from.fieldRef.fieldPath, ctx);
    else if (from.resourceFieldRef) own[v.name] = resourceValue(from.resourceFieldRef, ctx);
    else {
      const ref = from.configMapKeyRef ?? from.secretKeyRef;
      if (!ref) continue;
      const secret = from.secretKeyRef !== undefined;
      const kind = secret ? 'Secret' : 'ConfigMap';
      const obj = secret
        ? await ctx.sources.secret(namespace, ref.name)
        : await ctx.sources.configMap(namespace, ref.name);
      if (!obj) {
        if (ref.optional) continue;
        return { ok: false, message: `${secret ? 'secret' : 'configmap'} "${ref.name}" not found` };
      }
      const value = dataOf(obj, secret)[ref.key];
      if (value === undefined) {
        if (ref.optional) continue;
        return { ok: false, message: `couldn't find key ${ref.key} in ${kind} ${namespace}/${ref.name}` };
      }
      own[v.name] = value;
    }
  }
  return { ok: true, env: { ...env, ...services, ...own } };
}
