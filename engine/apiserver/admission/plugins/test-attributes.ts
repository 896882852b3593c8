// Fixtures for the plugins' unit tests: admission attributes as the registry store builds them, a pod, and the
// YAML form kubectl prints, to compare with what a real cluster shows.

import { stringify } from 'yaml';
import type { KubeObject } from '../../../api/object.ts';
import type { AdmissionAttributes } from '../admission.ts';

/** Attributes of a request on the resource named by `group/resource`, for `object` (its namespace and name). */
export function attributesFor(
  resource: { group?: string; resource: string; kind: string },
  object: KubeObject | undefined,
  overrides: Partial<AdmissionAttributes> = {},
): AdmissionAttributes {
  const meta = object?.metadata ?? overrides.oldObject?.metadata;
  return {
    operation: 'CREATE',
    group: resource.group ?? '',
    version: 'v1',
    resource: resource.resource,
    subresource: '',
    kind: resource.kind,
    namespace: meta?.namespace ?? '',
    name: meta?.name ?? '',
    object,
    user: { username: 'tester', groups: ['system:authenticated'] },
    dryRun: false,
    ...overrides,
  };
}

export const PODS = { resource: 'pods', kind: 'Pod' };

/** A pod in namespace `ns` with one container, its spec extended by `spec`. */
export function pod(spec: Record<string, unknown> = {}, meta: KubeObject['metadata'] = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'ns', ...meta },
    spec: { containers: [{ name: 'app', image: 'nginx', resources: {} }], ...spec },
  };
}

/** A value as `kubectl get -o yaml` prints it: keys sorted, sequences not indented under their key. */
export function kubectlYaml(value: unknown): string {
  return stringify(value, { sortMapEntries: true, indentSeq: false });
}
