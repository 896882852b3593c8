// VolumeAttachments (pkg/registry/storage/volumeattachment): a request to attach a volume to a node, written by
// the attach/detach controller and answered in status by the CSI attacher. The spec never changes.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { resetStatus, statusSubresource } from '../definition-helpers.ts';
import { validateVolumeAttachment, validateVolumeAttachmentUpdate } from '../../validation/storage.ts';

export const volumeAttachmentsResource: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'VolumeAttachment',
  listKind: 'VolumeAttachmentList',
  resource: 'volumeattachments',
  singular: 'volumeattachment',
  namespaced: false,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.storage.v1.VolumeAttachment',
  subresources: { status: statusSubresource('storage.k8s.io', 'VolumeAttachment') },
  strategy: {
    prepareForCreate: (attachment) => resetStatus(attachment, { attached: false }),
    validate: (attachment) => validateVolumeAttachment(attachment),
    validateUpdate: (attachment, old) => validateVolumeAttachmentUpdate(attachment, old),
    validateStatusUpdate: (attachment, old) => validateVolumeAttachmentUpdate(attachment, old),
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: false,
  },
};
