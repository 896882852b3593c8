// The labelSelector and fieldSelector query parameters as one predicate over objects. Field selectors may name
// metadata.name, metadata.namespace and the fields the resource declares; anything else is a 400, as upstream.

import type { KubeObject } from '../../../api/object.ts';
import { badRequest } from '../../errors/status-error.ts';
import type { ResourceDefinition } from '../../registry/resource-definition.ts';
import { parseFieldSelector } from '../../selectors/field-selector.ts';
import { parseLabelSelector } from '../../selectors/label-selector.ts';
import { SelectorError } from '../../selectors/selector-error.ts';
import type { ObjectPredicate } from '../../storage/cacher.ts';

export interface Selection {
  predicate?: ObjectPredicate;
  /** True when neither selector narrows the result. */
  empty: boolean;
  /** Fields the field selector requires to equal a value (what an indexed watch cache can use). */
  exactFields?: Record<string, string>;
}

function fieldReader(definition: ResourceDefinition): (obj: KubeObject, field: string) => string | undefined {
  const extra = definition.fieldSelectors ?? {};
  return (obj, field) => {
    if (field === 'metadata.name') return obj.metadata.name ?? '';
    if (field === 'metadata.namespace') return obj.metadata.namespace ?? '';
    return extra[field]?.(obj) ?? '';
  };
}

export function selection(query: URLSearchParams, definition: ResourceDefinition): Selection {
  const labelText = query.get('labelSelector') ?? '';
  const fieldText = query.get('fieldSelector') ?? '';
  try {
    const labels = labelText ? parseLabelSelector(labelText) : undefined;
    const fields = fieldText ? parseFieldSelector(fieldText) : undefined;
    const supported = new Set(['metadata.name', 'metadata.namespace', ...Object.keys(definition.fieldSelectors ?? {})]);
    for (const field of fields?.fields() ?? []) {
      if (!supported.has(field)) throw badRequest(`field label not supported: ${field}`);
    }
    const labelsEmpty = !labels || labels.isEmpty();
    const fieldsEmpty = !fields || fields.isEmpty();
    if (labelsEmpty && fieldsEmpty) return { empty: true };
    const read = fieldReader(definition);
    const exactFields: Record<string, string> = {};
    for (const field of fields?.fields() ?? []) {
      const value = fields!.requiresExactMatch(field);
      if (value !== undefined) exactFields[field] = value;
    }
    return {
      empty: false,
      exactFields,
      predicate: (obj) =>
        (labelsEmpty || labels!.matches(obj.metadata.labels)) &&
        (fieldsEmpty || fields!.matches((field) => read(obj, field))),
    };
  } catch (error) {
    if (error instanceof SelectorError) throw badRequest(error.message);
    throw error;
  }
}
