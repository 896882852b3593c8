// managedFields and server-side apply, as kube-apiserver 1.32 does them (structured-merge-diff v4 semantics): the
// bookkeeping of every non-apply write, apply itself, and how a write's manager is named. The rest of this folder
// (field sets, FieldsV1, the typed walks) is for these three and for tests.

export type { ApplyConfigurationArgs } from './apply-configuration.ts';
export { applyConfiguration, checkAppliedConfigurationTypes } from './apply-configuration.ts';
export type { FieldManagerOptions } from './field-manager-options.ts';
export { fieldManagerFor, managerFromUserAgent } from './manager-name.ts';
export type { UpdateManagedFieldsArgs } from './update-managed-fields.ts';
export { updateManagedFields } from './update-managed-fields.ts';
