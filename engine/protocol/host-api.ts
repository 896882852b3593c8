// The typed contract between the host (main/) and the UI (renderer/): every request the UI may make, with its
// parameters and result, and every stream the host may push. The same messages travel over Electron IPC and over the
// browser WebSocket; this file holds only types, so both sides import it without pulling in either runtime.

/** A Kubernetes object as the API returns it (JSON). */
export interface KubeObjectJson {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Which resource: its group ('' for the core group), version and plural name. */
export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
}

/** One object of a resource: the resource, and the object's namespace (if namespaced) and name. */
export interface ObjectRef extends ResourceRef {
  namespace?: string;
  name: string;
}

/** A resource the cluster serves, as discovery describes it (for the explorer and the editor). */
export interface ApiResourceInfo extends ResourceRef {
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
}

/** What the UI needs to know about the lab it shows. */
export interface LabInfo {
  name: string;
  /** The HTTPS address of the lab's API server. */
  server: string;
  kubeconfigPath: string;
  kubernetesVersion: string;
  /** The kubectl a terminal runs, or undefined when none was found (the terminal says so). */
  kubectl?: string;
}

/** A failure as the API server reports it (a Kubernetes Status) or as the host reports it. */
export interface HostError {
  code: number;
  reason: string;
  message: string;
  /** For a failure about one document of an applied YAML: its index and, when known, the line the field is on. */
  document?: number;
  line?: number;
  field?: string;
}

/** The answer for one document of an applied (or dry-run) YAML. */
export interface ApplyOutcome {
  document: number;
  ref?: ObjectRef;
  /** created, configured or unchanged — as `kubectl apply` words it. */
  action?: 'created' | 'configured' | 'unchanged';
  object?: KubeObjectJson;
  error?: HostError;
}

/** The difference between the cluster's copy of an object and the copy an apply would make. */
export interface DiffOutcome {
  document: number;
  ref?: ObjectRef;
  /** The live object as YAML (managedFields left out), or undefined when it does not exist yet. */
  live?: string;
  /** The object as the server would store it after the apply (a server-side dry run), as YAML. */
  merged?: string;
  error?: HostError;
}

/** One scheduling attempt of a pod, as the scheduler recorded it: per node and plugin. */
export interface SchedulingExplanation {
  pod: { namespace: string; name: string };
  decisions: KubeObjectJson[];
}

/** The requests the UI may make: method name → parameters and result. */
export interface HostMethods {
  'lab.info': { params: Record<string, never>; result: LabInfo };
  'api.resources': { params: Record<string, never>; result: ApiResourceInfo[] };
  /** JSON Schemas per apiVersion/kind for the YAML editor, derived from the served OpenAPI. */
  'api.schemas': {
    params: Record<string, never>;
    result: { kinds: { apiVersion: string; kind: string; schema: unknown }[] };
  };
  'objects.list': {
    params: { ref: ResourceRef; namespace?: string };
    result: { items: KubeObjectJson[]; resourceVersion: string };
  };
  'objects.get': { params: { ref: ObjectRef }; result: KubeObjectJson };
  /** The object as stored, as YAML (managedFields left out unless asked). */
  'objects.yaml': { params: { ref: ObjectRef; managedFields?: boolean }; result: { yaml: string } };
  /** Server-side apply of every document in a YAML text (field manager `kubelab-ui`). */
  'objects.apply': {
    params: { yaml: string; dryRun?: boolean; force?: boolean };
    result: { outcomes: ApplyOutcome[] };
  };
  'objects.diff': { params: { yaml: string }; result: { outcomes: DiffOutcome[] } };
  'objects.delete': { params: { ref: ObjectRef }; result: { status: string } };
  /** Events about one object, oldest first. */
  'objects.events': { params: { ref: ObjectRef }; result: { items: KubeObjectJson[] } };
  'scheduling.explain': { params: { namespace: string; name: string }; result: SchedulingExplanation };
  /** Opens a watch stream of one resource (optionally one namespace): first the current objects, then changes. */
  'watch.open': { params: { ref: ResourceRef; namespace?: string }; result: { stream: string } };
  /** Opens a stream of a container's log. */
  'logs.open': {
    params: {
      namespace: string;
      pod: string;
      container?: string;
      follow?: boolean;
      tailLines?: number;
      previous?: boolean;
    };
    result: { stream: string };
  };
  /** Opens a terminal (a real shell with KUBECONFIG set to the lab); its output arrives as a stream. */
  'terminal.open': { params: { cols: number; rows: number }; result: { stream: string; shell: string } };
  'terminal.input': { params: { stream: string; data: string }; result: Record<string, never> };
  'terminal.resize': { params: { stream: string; cols: number; rows: number }; result: Record<string, never> };
  /** Closes any stream this client opened (a watch, a log, a terminal). */
  'stream.close': { params: { stream: string }; result: Record<string, never> };
}

export type HostMethod = keyof HostMethods;
export type HostParams<M extends HostMethod> = HostMethods[M]['params'];
export type HostResult<M extends HostMethod> = HostMethods[M]['result'];

/** What a stream carries, by the kind of stream. */
export type StreamEvent =
  | { kind: 'watch'; type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'SYNCED'; object?: KubeObjectJson }
  | { kind: 'logs'; text: string }
  | { kind: 'terminal'; data: string }
  | { kind: 'end'; error?: HostError; exitCode?: number };

/** Every method of the contract, as a value (the preload exposes one function per name; the host checks names). */
export const HOST_METHOD_NAMES = [
  'lab.info',
  'api.resources',
  'api.schemas',
  'objects.list',
  'objects.get',
  'objects.yaml',
  'objects.apply',
  'objects.diff',
  'objects.delete',
  'objects.events',
  'scheduling.explain',
  'watch.open',
  'logs.open',
  'terminal.open',
  'terminal.input',
  'terminal.resize',
  'stream.close',
] as const satisfies readonly HostMethod[];
