import { describe, expect, it } from 'vitest';
import * as errors from './openapi-errors.ts';

describe('openapi errors', () => {
  it.each<[string, errors.OpenApiError, string]>([
    [
      'invalidType',
      errors.invalidType('spec.a', 'integer', 'string'),
      'spec.a in body must be of type integer: "string"',
    ],
    ['required', errors.required('spec.a'), 'spec.a in body is required'],
    ['tooLong', errors.tooLong('spec.a', 3, 'abcd'), 'spec.a in body should be at most 3 chars long'],
    ['tooShort', errors.tooShort('spec.a', 3, 'ab'), 'spec.a in body should be at least 3 chars long'],
    ['failedPattern', errors.failedPattern('spec.a', '^a$', 'b'), "spec.a in body should match '^a$'"],
    ['enumFail', errors.enumFail('spec.a', 'c', ['a', 'b', 1.5]), 'spec.a in body should be one of [a b 1.5]'],
    ['notMultipleOf', errors.notMultipleOf('spec.a', 0.5, 0.7), 'spec.a in body should be a multiple of 0.5'],
    [
      'multipleOfMustBePositive',
      errors.multipleOfMustBePositive('spec.a', 0),
      'factor MultipleOf declared for spec.a must be positive: 0',
    ],
    [
      'exceedsMaximum',
      errors.exceedsMaximum('spec.a', 10, false, 11),
      'spec.a in body should be less than or equal to 10',
    ],
    [
      'exceedsMaximum (exclusive)',
      errors.exceedsMaximum('spec.a', 10, true, 10),
      'spec.a in body should be less than 10',
    ],
    [
      'exceedsMinimum',
      errors.exceedsMinimum('spec.a', 1.5, false, 1),
      'spec.a in body should be greater than or equal to 1.5',
    ],
    [
      'exceedsMinimum (exclusive)',
      errors.exceedsMinimum('spec.a', 1, true, 1),
      'spec.a in body should be greater than 1',
    ],
    ['duplicateItems', errors.duplicateItems('spec.a'), "spec.a in body shouldn't contain duplicates"],
    ['tooManyItems', errors.tooManyItems('spec.a', 2, 3), 'spec.a in body should have at most 2 items'],
    ['tooFewItems', errors.tooFewItems('spec.a', 2, 1), 'spec.a in body should have at least 2 items'],
    ['tooFewProperties', errors.tooFewProperties('spec.a', 2, 1), 'spec.a in body should have at least 2 properties'],
    ['tooManyProperties', errors.tooManyProperties('spec.a', 1, 2), 'spec.a in body should have at most 1 properties'],
    ['propertyNotAllowed', errors.propertyNotAllowed('spec.a', 'b'), 'spec.a.b in body is a forbidden property'],
    [
      'mustValidateAtLeastOne',
      errors.mustValidateAtLeastOne('spec.a'),
      '"spec.a" must validate at least one schema (anyOf)',
    ],
    [
      'mustValidateOnlyOne',
      errors.mustValidateOnlyOne('spec.a', 'Found none valid'),
      '"spec.a" must validate one and only one schema (oneOf). Found none valid',
    ],
    [
      'mustValidateAll',
      errors.mustValidateAll('spec.a', '. None validated'),
      '"spec.a" must validate all the schemas (allOf). None validated',
    ],
    ['mustNotValidate', errors.mustNotValidate('spec.a'), '"spec.a" must not validate the schema (not)'],
  ])('%s reads as kube-openapi writes it', (_name, error, message) => {
    expect(error.message).toBe(message);
  });
});
