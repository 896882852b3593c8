// What the editor's Apply, Dry run and Diff do with a YAML text: every document is sent to its resource as a
// server-side apply (field manager `kubelab-ui`, unknown fields refused as kubectl's strict validation does), and the
// answer is told per document — created, configured or unchanged, or the API's error pointed at its line.

import { stringify } from 'yaml';
import { StatusError } from '../../engine/apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../engine/client/in-process-client.ts';
import { resourcePath } from '../../engine/client/resource-path.ts';
import type {
  ApplyOutcome,
  DiffOutcome,
  HostError,
  KubeObjectJson,
  ObjectRef,
} from '../../engine/protocol/host-api.ts';
import type { ResourceCatalog } from './resource-catalog.ts';
import { parseYamlDocuments } from './yaml-documents.ts';
import type { YamlDocument } from './yaml-documents.ts';

export const FIELD_MANAGER = 'kubelab-ui';

/** An object as YAML, as `kubectl get -o yaml` shows it by default (managedFields left out). */
export function objectYaml(object: KubeObjectJson, managedFields = false): string {
  if (managedFields || !object.metadata?.managedFields) return stringify(object);
  const { managedFields: _omitted, ...metadata } = object.metadata;
  return stringify({ ...object, metadata });
}

function errorOf(document: YamlDocument, error: unknown): HostError {
  if (!(error instanceof StatusError)) {
    const message = error instanceof Error ? error.message : String(error);
    return { code: 500, reason: 'InternalError', message, document: document.index, line: document.line };
  }
  const { code = 500, reason = '', message = '', details } = error.status;
  let field = details?.causes?.find((c) => c.field)?.field;
  // Server-side apply refuses an unknown field before validation, naming it in the message only.
  field ??=
    /unknown field "([^"]+)"/.exec(message)?.[1] ?? /\.([\w.[\]-]+): field not declared in schema/.exec(message)?.[1];
  const out: HostError = { code, reason, message, document: document.index, line: document.line };
  if (field) {
    out.field = field.replace(/^\./, '');
    out.line = document.lineOf(out.field);
  }
  return out;
}

/** One document's answer: where it went and what `act` made of it, or why it went nowhere. */
type Outcome<T> = { document: number; ref?: ObjectRef; error?: HostError } & Partial<T>;

interface Target {
  ref: ObjectRef;
  path: string;
  object: Record<string, unknown>;
}

export class ObjectWriter {
  constructor(
    private readonly client: InProcessClient,
    private readonly catalog: ResourceCatalog,
  ) {}

  async apply(yaml: string, options: { dryRun?: boolean; force?: boolean } = {}): Promise<ApplyOutcome[]> {
    return this.perDocument(yaml, async (target) => {
      const before = await this.live(target.path);
      const object = await this.serverSideApply(target, options);
      const action = !before
        ? 'created'
        : before.metadata?.resourceVersion === object.metadata?.resourceVersion
          ? 'unchanged'
          : 'configured';
      return { action, object };
    });
  }

  async diff(yaml: string): Promise<DiffOutcome[]> {
    return this.perDocument(yaml, async (target) => {
      const live = await this.live(target.path);
      const merged = await this.serverSideApply(target, { dryRun: true });
      return { live: live && objectYaml(live), merged: objectYaml(merged) };
    });
  }

  /** Runs `act` for each document in turn; a document that fails says why and the next one still runs. */
  private async perDocument<T extends object>(
    yaml: string,
    act: (target: Target) => Promise<T>,
  ): Promise<Outcome<T>[]> {
    const outcomes: Outcome<T>[] = [];
    // A failure has none of T's fields, which Partial<T> allows but TypeScript cannot see for a generic T.
    const failed = (failure: { document: number; ref?: ObjectRef; error: HostError }) => failure as Outcome<T>;
    for (const document of parseYamlDocuments(yaml)) {
      const target = await this.target(document);
      if ('error' in target) {
        outcomes.push(failed({ document: document.index, error: target.error }));
        continue;
      }
      try {
        outcomes.push({ document: document.index, ref: target.ref, ...(await act(target)) });
      } catch (error) {
        outcomes.push(failed({ document: document.index, ref: target.ref, error: errorOf(document, error) }));
      }
    }
    return outcomes;
  }

  private serverSideApply(target: Target, options: { dryRun?: boolean; force?: boolean }): Promise<KubeObjectJson> {
    return this.client.request('PATCH', target.path, {
      body: target.object,
      contentType: 'application/apply-patch+yaml',
      query: {
        fieldManager: FIELD_MANAGER,
        fieldValidation: 'Strict',
        force: options.force || undefined,
        dryRun: options.dryRun ? 'All' : undefined,
      },
    }) as Promise<KubeObjectJson>;
  }

  private async live(path: string): Promise<KubeObjectJson | undefined> {
    try {
      return (await this.client.request('GET', path)) as KubeObjectJson;
    } catch (error) {
      if (error instanceof StatusError && error.status.code === 404) return undefined;
      throw error;
    }
  }

  /** Where a document goes: its resource, namespace and name — or why it can go nowhere. */
  private async target(document: YamlDocument): Promise<Target | { error: HostError }> {
    const object = document.object;
    if (!object) return { error: document.error! };
    const invalid = (message: string, field?: string): { error: HostError } => ({
      error: {
        code: 400,
        reason: 'BadRequest',
        message,
        document: document.index,
        line: field ? document.lineOf(field) : document.line,
        ...(field ? { field } : {}),
      },
    });
    const { apiVersion, kind } = object;
    if (typeof apiVersion !== 'string' || !apiVersion) return invalid('apiVersion not set', 'apiVersion');
    if (typeof kind !== 'string' || !kind) return invalid('kind not set', 'kind');
    const info = await this.catalog.forKind(apiVersion, kind);
    if (!info) return invalid(`no matches for kind "${kind}" in version "${apiVersion}"`, 'kind');
    const metadata = (object.metadata ?? {}) as Record<string, unknown>;
    const name = metadata.name;
    if (typeof name !== 'string' || !name) return invalid('resource name may not be empty', 'metadata.name');
    const namespace = info.namespaced
      ? typeof metadata.namespace === 'string' && metadata.namespace
        ? metadata.namespace
        : 'default'
      : undefined;
    const ref: ObjectRef = { group: info.group, version: info.version, resource: info.resource, name };
    if (namespace) ref.namespace = namespace;
    return { ref, path: resourcePath(info, namespace, name), object };
  }
}
