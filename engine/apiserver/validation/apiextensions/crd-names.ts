// The names of a custom resource (ValidateCustomResourceDefinitionNames): plural, singular, short names and
// categories are DNS-1035 labels, kind and listKind are too once lower-cased, and kind and listKind differ.
// Used for spec.names and for status.acceptedNames.

import { invalidValue } from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';
import { list, str } from '../access.ts';
import type { Json } from '../access.ts';
import { isDNS1035Label } from '../names.ts';

const MIXED_CASE = 'may have mixed case, but should otherwise match: ';

export function validateCRDNames(names: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['plural', 'singular']) {
    const value = str(names[field]);
    const problems = isDNS1035Label(value);
    if (value !== '' && problems.length > 0) errs.push(invalidValue(path.child(field), value, problems.join(',')));
  }
  for (const field of ['kind', 'listKind']) {
    const value = str(names[field]);
    const problems = isDNS1035Label(value.toLowerCase());
    if (value !== '' && problems.length > 0)
      errs.push(invalidValue(path.child(field), value, MIXED_CASE + problems.join(',')));
  }
  list(names.shortNames).forEach((shortName, i) => {
    const problems = isDNS1035Label(str(shortName));
    if (problems.length > 0)
      errs.push(invalidValue(path.child('shortNames').index(i), str(shortName), problems.join(',')));
  });
  const kind = str(names.kind);
  if (kind !== '' && kind === str(names.listKind))
    errs.push(invalidValue(path.child('listKind'), kind, 'kind and listKind may not be the same'));
  list(names.categories).forEach((category, i) => {
    const problems = isDNS1035Label(str(category));
    if (problems.length > 0)
      errs.push(invalidValue(path.child('categories').index(i), str(category), problems.join(',')));
  });
  return errs;
}
