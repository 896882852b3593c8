// Pod control (controller_utils.go RealPodControl): how workload controllers create pods from their template — with
// the template's labels, annotations and finalizers, a generateName of "<owner>-" and the owner's controller
// reference — delete them, and patch them (adoption, release), recording the events upstream records on the owner.

import type { KubeObject, OwnerReference } from '../../api/object.ts';
import { deepCopy } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import { messageOf } from './error-message.ts';
import type { Pod, PodTemplateSpec } from './workload-types.ts';

export const FAILED_CREATE_POD_REASON = 'FailedCreate';
export const SUCCESSFUL_CREATE_POD_REASON = 'SuccessfulCreate';
export const FAILED_DELETE_POD_REASON = 'FailedDelete';
export const SUCCESSFUL_DELETE_POD_REASON = 'SuccessfulDelete';

const PODS = { group: '', version: 'v1', resource: 'pods' };
const MAX_NAME_LENGTH = 253;

/** What a controller does to pods; tests replace it with a fake that records calls. */
export interface PodControl {
  createPods(
    namespace: string,
    template: PodTemplateSpec,
    owner: KubeObject,
    controllerRef: OwnerReference,
  ): Promise<void>;
  deletePod(namespace: string, name: string, owner: KubeObject): Promise<void>;
  patchPod(namespace: string, name: string, patch: unknown): Promise<void>;
}

/** The generateName of an owner's pods: "<name>-", or the bare name when the dash would make it too long. */
export function podsPrefix(ownerName: string): string {
  return ownerName.length + 1 > MAX_NAME_LENGTH ? ownerName : `${ownerName}-`;
}

/** GetPodFromTemplate: the pod a controller creates for `template`. */
export function podFromTemplate(template: PodTemplateSpec, owner: KubeObject, controllerRef?: OwnerReference): Pod {
  const metadata = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: podsPrefix(owner.metadata.name ?? ''),
      labels: { ...metadata.labels },
      annotations: { ...metadata.annotations },
    },
    spec: deepCopy(template.spec ?? {}),
  };
  if (metadata.finalizers?.length) pod.metadata.finalizers = [...metadata.finalizers];
  if (controllerRef) pod.metadata.ownerReferences = [controllerRef];
  return pod;
}

/** Whether the API refused because the namespace is being deleted (all further creates would fail too). */
export function isNamespaceTerminating(error: unknown): boolean {
  return (
    isStatusError(error) &&
    (error.status.details?.causes ?? []).some((cause) => cause.reason === 'NamespaceTerminating')
  );
}

export class RealPodControl implements PodControl {
  constructor(
    private readonly client: InProcessClient,
    private readonly recorder: EventRecorder,
  ) {}

  async createPods(
    namespace: string,
    template: PodTemplateSpec,
    owner: KubeObject,
    controllerRef: OwnerReference,
  ): Promise<void> {
    const pod = podFromTemplate(template, owner, controllerRef);
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) throw new Error('unable to create pods, no labels');
    let created: KubeObject;
    try {
      created = await this.client.create(PODS, namespace, pod);
    } catch (error) {
      if (!isNamespaceTerminating(error)) {
        this.recorder.event(owner, 'Warning', FAILED_CREATE_POD_REASON, `Error creating: ${messageOf(error)}`);
      }
      throw error;
    }
    this.recorder.event(owner, 'Normal', SUCCESSFUL_CREATE_POD_REASON, `Created pod: ${created.metadata.name}`);
  }

  async deletePod(namespace: string, name: string, owner: KubeObject): Promise<void> {
    try {
      await this.client.delete(PODS, namespace, name);
    } catch (error) {
      if (isStatusError(error, 'NotFound')) throw error;
      this.recorder.event(owner, 'Warning', FAILED_DELETE_POD_REASON, `Error deleting: ${messageOf(error)}`);
      throw new Error(`unable to delete pods: ${messageOf(error)}`, { cause: error });
    }
    this.recorder.event(owner, 'Normal', SUCCESSFUL_DELETE_POD_REASON, `Deleted pod: ${name}`);
  }

  async patchPod(namespace: string, name: string, patch: unknown): Promise<void> {
    await this.client.patch(PODS, namespace, name, 'strategic', patch);
  }
}
