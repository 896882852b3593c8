// OpenAPI v3 as kube-apiserver publishes it: /openapi/v3 lists one document per group-version, and each document
// has the paths of that group-version's resources (every operation tagged with x-kubernetes-group-version-kind and
// x-kubernetes-action, writes declaring the fieldValidation parameter kubectl looks for) and the schemas they use.
// kubectl apply, create, replace, edit, diff and explain read these documents.

import { acceptedPatchContentTypes } from '../patch/index.ts';
import { createHash } from 'node:crypto';
import type { SchemaLookup } from '../../api/schema-table.ts';
import type { ResourceRegistry, ServedGroup } from '../registry/resource-registry.ts';
import type { ServedResource } from '../registry/served-resource.ts';
import { refPath, schemaClosure } from './openapi-schema.ts';

type Operation = Record<string, unknown>;
type PathItem = Record<string, unknown>;

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const RESPONSE_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

function query(name: string, type: 'string' | 'integer' | 'boolean', description: string): Record<string, unknown> {
  return { name, in: 'query', description, schema: { type, uniqueItems: true } };
}

const PARAMS = {
  pretty: query('pretty', 'string', "If 'true', the output is pretty printed."),
  dryRun: query(
    'dryRun',
    'string',
    'When present, the request is processed in full but nothing is stored. The only value is All.',
  ),
  fieldManager: query('fieldManager', 'string', 'The name of the actor making the change, recorded in managedFields.'),
  fieldValidation: query(
    'fieldValidation',
    'string',
    'What the server does with fields it does not know: Ignore (drop them), Warn (drop them and say so) or Strict (refuse the request).',
  ),
  force: query('force', 'boolean', 'Server-side apply only: take ownership of fields other managers own.'),
  labelSelector: query('labelSelector', 'string', 'Only objects whose labels match this selector.'),
  fieldSelector: query('fieldSelector', 'string', 'Only objects whose fields match this selector.'),
  limit: query('limit', 'integer', 'The most objects to return in one page of a list.'),
  continue: query('continue', 'string', 'The token from the previous page, to read the next one.'),
  resourceVersion: query('resourceVersion', 'string', 'Which version of the data a read may be served from.'),
  resourceVersionMatch: query(
    'resourceVersionMatch',
    'string',
    'How resourceVersion applies to a list: Exact or NotOlderThan.',
  ),
  timeoutSeconds: query('timeoutSeconds', 'integer', 'How long a list or watch call may last.'),
  watch: query('watch', 'boolean', 'Stream changes instead of returning a list.'),
  allowWatchBookmarks: query('allowWatchBookmarks', 'boolean', 'Let the server send BOOKMARK events in a watch.'),
  sendInitialEvents: query('sendInitialEvents', 'boolean', 'Start a watch with the current state as ADDED events.'),
  gracePeriodSeconds: query(
    'gracePeriodSeconds',
    'integer',
    'Seconds the object is given to shut down before it is deleted.',
  ),
  propagationPolicy: query(
    'propagationPolicy',
    'string',
    'What happens to dependents: Orphan, Background or Foreground.',
  ),
  orphanDependents: query('orphanDependents', 'boolean', 'Deprecated: use propagationPolicy.'),
} as const;

const LIST_PARAMS = [
  PARAMS.allowWatchBookmarks,
  PARAMS.continue,
  PARAMS.fieldSelector,
  PARAMS.labelSelector,
  PARAMS.limit,
  PARAMS.resourceVersion,
  PARAMS.resourceVersionMatch,
  PARAMS.sendInitialEvents,
  PARAMS.timeoutSeconds,
  PARAMS.watch,
];

function content(schemaName: string): Record<string, unknown> {
  return Object.fromEntries(RESPONSE_TYPES.map((t) => [t, { schema: { $ref: refPath(schemaName) } }]));
}

function pathParam(name: string, description: string): Record<string, unknown> {
  return { name, in: 'path', description, required: true, schema: { type: 'string', uniqueItems: true } };
}

function operationId(
  action: string,
  group: string,
  version: string,
  kind: string,
  namespaced: boolean,
  suffix = '',
): string {
  const groupPart = (group || 'core')
    .replace(/\.k8s\.io$/, '')
    .split(/[.-]/)
    .map((p, i) => (i === 0 ? p : p[0]!.toUpperCase() + p.slice(1)))
    .join('');
  const gv = groupPart[0]!.toUpperCase() + groupPart.slice(1) + version[0]!.toUpperCase() + version.slice(1);
  return `${action}${gv}${namespaced ? 'Namespaced' : ''}${kind}${suffix}`;
}

function operation(
  served: ServedResource,
  action: string,
  verb: string,
  responseSchema: string,
  parameters: unknown[],
  opts: {
    body?: string;
    patch?: boolean;
    suffix?: string;
    namespaced?: boolean;
    kind?: { group: string; version: string; kind: string };
  } = {},
): Operation {
  const d = served.definition;
  const gvk = opts.kind ?? { group: d.group, version: d.version, kind: d.kind };
  const op: Operation = {
    tags: [`${d.group || 'core'}_${d.version}`],
    operationId: operationId(action, d.group, d.version, d.kind, opts.namespaced ?? d.namespaced, opts.suffix),
    parameters,
    responses: {
      '200': { description: 'OK', content: content(responseSchema) },
      '401': { description: 'Unauthorized' },
    },
    'x-kubernetes-action': verb,
    'x-kubernetes-group-version-kind': gvk,
  };
  if (opts.body) {
    op['requestBody'] = { content: { '*/*': { schema: { $ref: refPath(opts.body) } } }, required: true };
  }
  if (opts.patch) {
    // What PATCH accepts: kubectl apply sends a strategic merge patch only where it is listed (not for CRDs).
    const types = [...acceptedPatchContentTypes(!d.customResource)].sort();
    op['requestBody'] = {
      content: Object.fromEntries(types.map((t) => [t, { schema: { $ref: refPath(`${META}.Patch`) } }])),
      required: true,
    };
  }
  if (action === 'create')
    (op['responses'] as Record<string, unknown>)['201'] = { description: 'Created', content: content(responseSchema) };
  return op;
}

function resourcePaths(
  served: ServedResource,
  prefix: string,
  lookup: SchemaLookup,
  roots: Set<string>,
): Record<string, PathItem> {
  const d = served.definition;
  const paths: Record<string, PathItem> = {};
  const kindSchema = d.schema;
  const listSchema = lookup.definition(`${kindSchema}List`) ? `${kindSchema}List` : kindSchema;
  roots.add(kindSchema);
  roots.add(listSchema);
  const verbs = new Set(d.verbs);
  const base = d.namespaced ? `${prefix}/namespaces/{namespace}/${d.resource}` : `${prefix}/${d.resource}`;
  const nsParam = d.namespaced
    ? [pathParam('namespace', 'object name and auth scope, such as for teams and projects')]
    : [];
  const nameParam = pathParam('name', `name of the ${d.kind}`);
  const writeParams = [PARAMS.dryRun, PARAMS.fieldManager, PARAMS.fieldValidation];

  const collection: PathItem = { parameters: [...nsParam, PARAMS.pretty] };
  if (verbs.has('list')) collection['get'] = operation(served, 'list', 'list', listSchema, LIST_PARAMS);
  if (verbs.has('create'))
    collection['post'] = operation(served, 'create', 'post', kindSchema, writeParams, { body: kindSchema });
  if (verbs.has('deletecollection')) {
    collection['delete'] = operation(served, 'deleteCollection', 'deletecollection', `${META}.Status`, [
      PARAMS.dryRun,
      PARAMS.gracePeriodSeconds,
      PARAMS.propagationPolicy,
      ...LIST_PARAMS,
    ]);
  }
  if (Object.keys(collection).length > 1) paths[`/${base}`] = collection;

  const item: PathItem = { parameters: [nameParam, ...nsParam, PARAMS.pretty] };
  if (verbs.has('get')) item['get'] = operation(served, 'read', 'get', kindSchema, []);
  if (verbs.has('update'))
    item['put'] = operation(served, 'replace', 'put', kindSchema, writeParams, { body: kindSchema });
  if (verbs.has('patch'))
    item['patch'] = operation(served, 'patch', 'patch', kindSchema, [...writeParams, PARAMS.force], { patch: true });
  if (verbs.has('delete')) {
    item['delete'] = operation(served, 'delete', 'delete', `${META}.Status`, [
      PARAMS.dryRun,
      PARAMS.gracePeriodSeconds,
      PARAMS.orphanDependents,
      PARAMS.propagationPolicy,
    ]);
  }
  if (Object.keys(item).length > 1) paths[`/${base}/{name}`] = item;

  if (d.namespaced && verbs.has('list')) {
    paths[`/${prefix}/${d.resource}`] = {
      parameters: [PARAMS.pretty],
      get: operation(served, 'list', 'list', listSchema, LIST_PARAMS, {
        suffix: 'ForAllNamespaces',
        namespaced: false,
      }),
    };
  }

  for (const [name, sub] of Object.entries(d.subresources ?? {})) {
    const responseSchema =
      name === 'status' ? kindSchema : name === 'scale' ? 'io.k8s.api.autoscaling.v1.Scale' : undefined;
    if (!responseSchema) continue;
    roots.add(responseSchema);
    const suffix = name[0]!.toUpperCase() + name.slice(1);
    const kind = name === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : undefined;
    const subItem: PathItem = { parameters: [nameParam, ...nsParam, PARAMS.pretty] };
    const subVerbs = new Set(sub.verbs);
    if (subVerbs.has('get')) subItem['get'] = operation(served, 'read', 'get', responseSchema, [], { suffix, kind });
    if (subVerbs.has('update')) {
      subItem['put'] = operation(served, 'replace', 'put', responseSchema, writeParams, {
        body: responseSchema,
        suffix,
        kind,
      });
    }
    if (subVerbs.has('patch')) {
      subItem['patch'] = operation(served, 'patch', 'patch', responseSchema, [...writeParams, PARAMS.force], {
        patch: true,
        suffix,
        kind,
      });
    }
    paths[`/${base}/{name}/${name}`] = subItem;
  }
  return paths;
}

function groupVersionPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

export interface OpenApiDocument {
  body: string;
  hash: string;
}

/** Builds and caches the v3 documents; rebuilt when the set of served resources changes. */
export class OpenApiV3 {
  private cacheVersion = -1;
  private documents = new Map<string, OpenApiDocument>();

  constructor(
    private readonly registry: ResourceRegistry,
    private readonly lookup: () => SchemaLookup,
  ) {}

  /** The root document: one entry per group-version, with a content hash in its URL. */
  root(): Record<string, unknown> {
    this.refresh();
    const paths: Record<string, unknown> = {};
    for (const [path, doc] of this.documents)
      paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${doc.hash}` };
    return { paths };
  }

  /** The document of one group-version path ("api/v1", "apis/apps/v1"), or undefined. */
  document(path: string): OpenApiDocument | undefined {
    this.refresh();
    return this.documents.get(path);
  }

  private refresh(): void {
    if (this.cacheVersion === this.registry.version) return;
    this.cacheVersion = this.registry.version;
    this.documents = new Map();
    for (const group of this.registry.groups()) this.buildGroup(group);
  }

  private buildGroup(group: ServedGroup): void {
    const lookup = this.lookup();
    for (const { version, resources } of group.versions) {
      const prefix = groupVersionPath(group.name, version);
      const roots = new Set<string>([`${META}.Status`, `${META}.DeleteOptions`, `${META}.Patch`, `${META}.WatchEvent`]);
      const paths: Record<string, PathItem> = {};
      for (const served of resources) {
        if (!served.store && !served.verbs) continue;
        Object.assign(paths, resourcePaths(served, prefix, lookup, roots));
      }
      const doc = {
        openapi: '3.0.0',
        info: { title: 'Kubernetes', version: 'unversioned' },
        paths,
        components: {
          schemas: schemaClosure(roots, lookup),
          securitySchemes: {
            BearerToken: {
              type: 'apiKey',
              description: 'Bearer Token authentication',
              name: 'authorization',
              in: 'header',
            },
          },
        },
      };
      const body = JSON.stringify(doc);
      const hash = createHash('sha512').update(body).digest('hex').toUpperCase().slice(0, 128);
      this.documents.set(prefix, { body, hash });
    }
  }
}
