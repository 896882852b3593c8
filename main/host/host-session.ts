// One UI connection to a lab (an Electron window, or a browser's WebSocket): it answers the contract's requests and
// pushes the streams the connection opened (watches, logs, terminals), and closes all of them when the connection
// goes. Transports only move messages; everything a request does happens here.

import { StatusError } from '../../engine/apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../engine/client/in-process-client.ts';
import { resourcePath } from '../../engine/client/resource-path.ts';
import type {
  HostError,
  HostMethod,
  HostParams,
  HostResult,
  KubeObjectJson,
  ObjectRef,
  ResourceRef,
  StreamEvent,
} from '../../engine/protocol/host-api.ts';
import { HOST_METHOD_NAMES } from '../../engine/protocol/host-api.ts';
import type { RequestMessage, ResponseMessage, StreamMessage } from '../../engine/protocol/framing.ts';
import { editorSchemas } from './editor-schemas.ts';
import { HostFailure, badRequest, notFound } from './host-failure.ts';
import { findKubectl } from './kubectl-path.ts';
import type { LabHost } from './lab-host.ts';
import { NetworkView } from './network-view.ts';
import { ObjectWriter, objectYaml } from './object-writer.ts';
import { ResourceCatalog } from './resource-catalog.ts';
import { Terminal, userShell } from './terminal.ts';
import { openLogStream, openWatchStream } from './streams.ts';
import type { StreamSource } from './streams.ts';

export { HostFailure } from './host-failure.ts';

export type StreamSink = (message: StreamMessage) => void;

/** The most streams one connection may hold open at once (watches, logs and terminals together). */
export const MAX_STREAMS = 256;

function asHostError(error: unknown): HostError {
  if (error instanceof HostFailure) return error.error;
  if (error instanceof StatusError) {
    const { code = 500, reason = '', message = '' } = error.status;
    return { code, reason, message };
  }
  return { code: 500, reason: 'InternalError', message: error instanceof Error ? error.message : String(error) };
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 253;
}

function checkResource(ref: unknown): ResourceRef {
  const r = ref as Partial<ResourceRef> | undefined;
  if (!r || typeof r.group !== 'string' || !isName(r.version) || !isName(r.resource)) {
    throw badRequest('ref must name a resource: {group, version, resource}');
  }
  return { group: r.group, version: r.version, resource: r.resource };
}

function checkObject(ref: unknown): ObjectRef {
  const resource = checkResource(ref);
  const { name, namespace } = ref as Partial<ObjectRef>;
  if (!isName(name)) throw badRequest('ref.name must be a name');
  if (namespace !== undefined && !isName(namespace)) throw badRequest('ref.namespace must be a name');
  return { ...resource, name, ...(namespace ? { namespace } : {}) };
}

function checkSize(cols: unknown, rows: unknown): void {
  const ok = (n: unknown) => Number.isInteger(n) && (n as number) > 0 && (n as number) <= 1000;
  if (!ok(cols) || !ok(rows)) throw badRequest('cols and rows must be whole numbers from 1 to 1000');
}

type Handlers = { [M in HostMethod]: (params: HostParams<M>) => Promise<HostResult<M>> };

export class HostSession {
  private readonly client: InProcessClient;
  private readonly catalog: ResourceCatalog;
  private readonly writer: ObjectWriter;
  private readonly network: NetworkView;
  private readonly streams = new Map<string, StreamSource>();
  private nextStream = 1;
  private closed = false;

  constructor(
    private readonly lab: LabHost,
    private readonly emit: StreamSink,
    private readonly resourcesPath?: string,
  ) {
    this.client = lab.client();
    this.catalog = new ResourceCatalog(this.client);
    this.writer = new ObjectWriter(this.client, this.catalog);
    this.network = new NetworkView(lab.cluster, this.client);
  }

  /** Answers one request; rejects with a HostFailure. */
  async call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    if (!(HOST_METHOD_NAMES as readonly string[]).includes(method)) {
      throw notFound(`unknown method "${String(method)}"`);
    }
    if (this.closed) throw new HostFailure({ code: 503, reason: 'ServiceUnavailable', message: 'session closed' });
    try {
      return await (this.handlers[method] as (p: HostParams<M>) => Promise<HostResult<M>>)(params ?? {});
    } catch (error) {
      if (error instanceof HostFailure) throw error;
      throw new HostFailure(asHostError(error));
    }
  }

  /** Answers a framed request with a framed response (the WebSocket transport's path). */
  async handle(request: RequestMessage): Promise<ResponseMessage> {
    try {
      return { type: 'response', id: request.id, result: await this.call(request.method, request.params) };
    } catch (error) {
      return { type: 'response', id: request.id, error: asHostError(error) };
    }
  }

  /** Closes every stream and terminal this connection opened. */
  close(): void {
    this.closed = true;
    for (const source of this.streams.values()) source.close();
    this.streams.clear();
  }

  private openStream(kind: string, open: (push: (event: StreamEvent) => void) => StreamSource): string {
    if (this.streams.size >= MAX_STREAMS) {
      throw new HostFailure({ code: 429, reason: 'TooManyRequests', message: `at most ${MAX_STREAMS} open streams` });
    }
    const stream = `${kind}-${this.nextStream++}`;
    const push = (event: StreamEvent) => {
      if (!this.streams.has(stream)) return;
      if (event.kind === 'end') this.streams.delete(stream);
      this.emit({ type: 'stream', stream, event });
    };
    this.streams.set(stream, { close: () => undefined });
    const source = open(push);
    if (this.streams.has(stream)) this.streams.set(stream, source);
    else source.close();
    return stream;
  }

  private terminal(stream: unknown): Terminal {
    const terminal = typeof stream === 'string' ? this.streams.get(stream) : undefined;
    if (!(terminal instanceof Terminal)) throw notFound(`no terminal "${String(stream)}"`);
    return terminal;
  }

  private async kindOf(ref: ObjectRef): Promise<string> {
    return (await this.catalog.byResource(ref.group, ref.resource))?.kind ?? '';
  }

  private readonly handlers: Handlers = {
    'lab.info': async () => ({
      name: this.lab.cluster.config.name,
      server: this.lab.serverUrl,
      kubeconfigPath: this.lab.kubeconfigPath,
      kubernetesVersion: this.lab.kubernetesVersion,
      kubectl: findKubectl(process.env, this.resourcesPath),
    }),
    'api.resources': () => this.catalog.list(),
    'api.schemas': async () => ({ kinds: await editorSchemas(this.client) }),
    'objects.list': async ({ ref, namespace }) => {
      const list = (await this.client.request('GET', resourcePath(checkResource(ref), namespace))) as {
        items: KubeObjectJson[];
        metadata: { resourceVersion?: string };
      };
      return { items: list.items, resourceVersion: list.metadata.resourceVersion ?? '' };
    },
    'objects.get': async ({ ref }) => {
      const r = checkObject(ref);
      return (await this.client.request('GET', resourcePath(r, r.namespace, r.name))) as KubeObjectJson;
    },
    'objects.yaml': async ({ ref, managedFields }) => {
      const r = checkObject(ref);
      const object = (await this.client.request('GET', resourcePath(r, r.namespace, r.name))) as KubeObjectJson;
      return { yaml: objectYaml(object, managedFields === true) };
    },
    'objects.apply': async ({ yaml, dryRun, force }) => {
      if (typeof yaml !== 'string') throw badRequest('yaml must be a string');
      return { outcomes: await this.writer.apply(yaml, { dryRun: dryRun === true, force: force === true }) };
    },
    'objects.diff': async ({ yaml }) => {
      if (typeof yaml !== 'string') throw badRequest('yaml must be a string');
      return { outcomes: await this.writer.diff(yaml) };
    },
    'objects.delete': async ({ ref }) => {
      const r = checkObject(ref);
      await this.client.request('DELETE', resourcePath(r, r.namespace, r.name), {
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
      });
      return { status: 'deleted' };
    },
    'objects.events': async ({ ref }) => {
      const r = checkObject(ref);
      const object = (await this.client.request('GET', resourcePath(r, r.namespace, r.name))) as KubeObjectJson;
      const selector = [`involvedObject.name=${r.name}`, `involvedObject.kind=${await this.kindOf(r)}`];
      if (object.metadata?.uid) selector.push(`involvedObject.uid=${object.metadata.uid}`);
      const list = (await this.client.request(
        'GET',
        resourcePath({ group: '', version: 'v1', resource: 'events' }, r.namespace),
        {
          query: { fieldSelector: selector.join(',') },
        },
      )) as { items: KubeObjectJson[] };
      const time = (e: KubeObjectJson) => String(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '');
      return { items: list.items.sort((a, b) => time(a).localeCompare(time(b))) };
    },
    'scheduling.explain': async ({ namespace, name }) => {
      if (!isName(namespace) || !isName(name)) throw badRequest('namespace and name must be names');
      const ref = { group: 'lab.kubelab.io', version: 'v1alpha1', resource: 'schedulingdecisions' };
      try {
        const decision = (await this.client.request('GET', resourcePath(ref, namespace, name))) as KubeObjectJson;
        return { pod: { namespace, name }, decisions: [decision] };
      } catch (error) {
        if (error instanceof StatusError && error.status.code === 404)
          return { pod: { namespace, name }, decisions: [] };
        throw error;
      }
    },
    'network.topology': () => this.network.topology(),
    'network.trace': ({ from, to }) => this.network.trace(from, to),
    'network.requests': async ({ from }) => this.network.requests(from),
    'network.request': async ({ id }) => this.network.request(id),
    'network.rules': async ({ node }) => this.network.rules(node),
    'watch.open': async ({ ref, namespace }) => {
      const r = checkResource(ref);
      if (namespace !== undefined && !isName(namespace)) throw badRequest('namespace must be a name');
      const source = await openWatchStream(this.client, r, namespace);
      return { stream: this.openStream('watch', (push) => source.start(push)) };
    },
    'logs.open': async ({ namespace, pod, container, follow, tailLines, previous }) => {
      if (!isName(namespace) || !isName(pod)) throw badRequest('namespace and pod must be names');
      const query = {
        container,
        follow: follow === true || undefined,
        tailLines,
        previous: previous === true || undefined,
      };
      const path = resourcePath({ group: '', version: 'v1', resource: 'pods' }, namespace, pod, 'log');
      const readable = await this.client.stream(path, query);
      return { stream: this.openStream('logs', (push) => openLogStream(readable, push)) };
    },
    'terminal.open': async ({ cols, rows }) => {
      checkSize(cols, rows);
      const stream = this.openStream('terminal', (push) => {
        return new Terminal({
          cols,
          rows,
          kubeconfigPath: this.lab.kubeconfigPath,
          kubectl: findKubectl(process.env, this.resourcesPath),
          onData: (data) => push({ kind: 'terminal', data }),
          onExit: (exitCode) => push({ kind: 'end', exitCode }),
        });
      });
      return { stream, shell: userShell() };
    },
    'terminal.input': async ({ stream, data }) => {
      if (typeof data !== 'string') throw badRequest('data must be a string');
      this.terminal(stream).write(data);
      return {};
    },
    'terminal.resize': async ({ stream, cols, rows }) => {
      checkSize(cols, rows);
      this.terminal(stream).resize(cols, rows);
      return {};
    },
    'stream.close': async ({ stream }) => {
      const source = typeof stream === 'string' ? this.streams.get(stream) : undefined;
      if (source) {
        this.streams.delete(stream);
        source.close();
      }
      return {};
    },
  } satisfies Handlers as Handlers;
}
