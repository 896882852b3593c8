// What the field manager needs to know about the resource being written, shared by updateManagedFields and
// applyConfiguration: its schema, the fields its strategy resets at this endpoint, and whether it is a custom
// resource (unstructured) rather than a built-in kind backed by a Go type.

import type { ResolvedSchema, SchemaLookup } from '../../api/schema-table.ts';
import { EMPTY_SET, fieldSetOf } from './field-set.ts';
import { fieldElement } from './path-element.ts';
import { compileSchema } from './type-node.ts';
import type { UpdaterContext } from './updater.ts';

export interface FieldManagerOptions {
  /** The kind's schema, e.g. resolveField(lookup, { ref: 'io.k8s.api.apps.v1.Deployment' }). */
  schema: ResolvedSchema;
  lookup: SchemaLookup;
  /**
   * Field paths the strategy resets at this endpoint, which nobody can own through it (upstream's GetResetFields):
   * e.g. [['status']] for the main resource of a kind with a status sub-resource, [['spec']] for its status.
   */
  resetFields?: readonly (readonly string[])[];
  /** Custom resources are unstructured: compared as they are, without the fields of a Go zero value. */
  unstructured?: boolean;
}

export function updaterContext(options: FieldManagerOptions): UpdaterContext {
  const resetFields = options.resetFields ?? [];
  return {
    type: compileSchema(options.lookup, options.schema),
    typed: !options.unstructured,
    ignored: resetFields.length ? fieldSetOf(resetFields.map((path) => path.map(fieldElement))) : EMPTY_SET,
  };
}
