// EnsureNamedFieldsAreMembers: a set that also owns every declared struct field it has paths below
// (`spec.replicas` makes `spec` a member too, but `labels.app` does not make the map key's parent a member).
// Pruning uses it so that a struct left empty by removing an applier's fields goes away with them.

import type { FieldNode, FieldSet } from './field-set.ts';
import type { TypeNode } from './type-node.ts';
import { fieldType } from './type-node.ts';

export function ensureNamedFieldsAreMembers(set: FieldSet, type: TypeNode | undefined): FieldSet {
  if (set.size === 0) return set;
  const out = new Map<string, FieldNode>();
  for (const [element, node] of set) {
    let childType: TypeNode | undefined;
    let named = false;
    if (element.startsWith('f:') && type?.kind === 'map') {
      const name = element.slice(2);
      childType = fieldType(type, name);
      named = type.shape.fields.has(name);
    } else if (element.startsWith('k:') && type?.kind === 'list') {
      childType = type.element;
    }
    const children = node.children ? ensureNamedFieldsAreMembers(node.children, childType) : undefined;
    out.set(element, { member: node.member || (named && children !== undefined), children });
  }
  return out;
}
