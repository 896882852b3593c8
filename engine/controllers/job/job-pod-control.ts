// Pod creation with a chosen generateName (RealPodControl.CreatePodsWithGenerateName), which the shared pod control
// does not offer: an Indexed Job names its pods `<job>-<index>-xxxxx`. Deleting and patching go through the shared
// pod control; events are the same ones on the Job.

import type { KubeObject, OwnerReference } from '../../api/object.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import { messageOf } from '../common/error-message.ts';
import {
  FAILED_CREATE_POD_REASON,
  RealPodControl,
  SUCCESSFUL_CREATE_POD_REASON,
  isNamespaceTerminating,
  podFromTemplate,
} from '../common/pod-control.ts';
import type { PodTemplateSpec } from '../common/workload-types.ts';

const PODS = { group: '', version: 'v1', resource: 'pods' };

export class JobPodControl extends RealPodControl {
  constructor(
    private readonly podClient: InProcessClient,
    private readonly podRecorder: EventRecorder,
  ) {
    super(podClient, podRecorder);
  }

  /** Creates one pod from the template; `generateName` replaces the default `<owner>-` when given. */
  async createPodWithGenerateName(
    namespace: string,
    template: PodTemplateSpec,
    owner: KubeObject,
    controllerRef: OwnerReference,
    generateName?: string,
  ): Promise<void> {
    const pod = podFromTemplate(template, owner, controllerRef);
    if (generateName) pod.metadata.generateName = generateName;
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) throw new Error('unable to create pods, no labels');
    let created: KubeObject;
    try {
      created = await this.podClient.create(PODS, namespace, pod);
    } catch (error) {
      if (!isNamespaceTerminating(error)) {
        this.podRecorder.event(owner, 'Warning', FAILED_CREATE_POD_REASON, `Error creating: ${messageOf(error)}`);
      }
      throw error;
    }
    this.podRecorder.event(owner, 'Normal', SUCCESSFUL_CREATE_POD_REASON, `Created pod: ${created.metadata.name}`);
  }
}
