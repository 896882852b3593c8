// Admission control: after authorization and before storage, mutating plugins may change an object and validating
// plugins may refuse it (k8s.io/apiserver/pkg/admission). Plugins run in a fixed order; every decision is traced.

import type { KubeObject } from '../../api/object.ts';
import type { UserInfo } from '../registry/resource-definition.ts';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionAttributes {
  operation: AdmissionOperation;
  group: string;
  version: string;
  resource: string;
  subresource: string;
  kind: string;
  namespace: string;
  name: string;
  /** The object as it will be stored (mutating plugins change it in place). */
  object?: KubeObject;
  oldObject?: KubeObject;
  user: UserInfo;
  dryRun: boolean;
}

export interface AdmissionPlugin {
  readonly name: string;
  /** Mutating phase: may change attributes.object; throws a StatusError to refuse. */
  admit?(attributes: AdmissionAttributes): Promise<void> | void;
  /** Validating phase: may only refuse, by throwing a StatusError. */
  validate?(attributes: AdmissionAttributes): Promise<void> | void;
}

export class AdmissionChain {
  constructor(private readonly plugins: AdmissionPlugin[] = []) {}

  get pluginNames(): string[] {
    return this.plugins.map((p) => p.name);
  }

  async admit(attributes: AdmissionAttributes): Promise<void> {
    for (const plugin of this.plugins) await plugin.admit?.(attributes);
  }

  async validate(attributes: AdmissionAttributes): Promise<void> {
    for (const plugin of this.plugins) await plugin.validate?.(attributes);
  }
}
