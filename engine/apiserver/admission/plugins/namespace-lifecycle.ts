// NamespaceLifecycle admission: nothing may be created in a namespace that does not exist or is being terminated,
// and the system namespaces can never be deleted (plugin/pkg/admission/namespace/lifecycle).

import type { KubeObject } from '../../../api/object.ts';
import { forbidden, notFound } from '../../errors/status-error.ts';
import type { AdmissionAttributes, AdmissionPlugin } from '../admission.ts';

export const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'];

/** Kinds whose create does not need an existing namespace (access reviews are computed, never stored). */
const EXEMPT_RESOURCES = new Set(['localsubjectaccessreviews', 'selfsubjectaccessreviews', 'subjectaccessreviews']);

export class NamespaceLifecycle implements AdmissionPlugin {
  readonly name = 'NamespaceLifecycle';

  constructor(private readonly getNamespace: (name: string) => Promise<KubeObject | undefined>) {}

  /**
   * Decides in the mutating phase, as upstream's Lifecycle.Admit, so that a request into a missing or terminating
   * namespace is refused before later plugins (ServiceAccount) wait for things in that namespace.
   */
  async admit(a: AdmissionAttributes): Promise<void> {
    if (a.group === '' && a.resource === 'namespaces') {
      if (a.operation === 'DELETE' && IMMORTAL_NAMESPACES.includes(a.name)) {
        throw forbidden({ group: '', resource: 'namespaces' }, a.name, 'this namespace may not be deleted');
      }
      return;
    }
    if (a.operation !== 'CREATE' || !a.namespace || EXEMPT_RESOURCES.has(a.resource)) return;
    const namespace = await this.getNamespace(a.namespace);
    if (!namespace) throw notFound({ group: '', resource: 'namespaces' }, a.namespace);
    const phase = (namespace['status'] as { phase?: string } | undefined)?.phase;
    if (phase === 'Terminating' || namespace.metadata.deletionTimestamp) {
      const error = forbidden(
        { group: a.group, resource: a.resource },
        a.name,
        `unable to create new content in namespace ${a.namespace} because it is being terminated`,
      );
      error.status.details = {
        ...error.status.details,
        causes: [
          {
            reason: 'NamespaceTerminating',
            message: `namespace ${a.namespace} is being terminated`,
            field: 'metadata.namespace',
          },
        ],
      };
      throw error;
    }
  }
}
