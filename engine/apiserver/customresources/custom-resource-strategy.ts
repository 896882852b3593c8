// The strategy of a custom resource version (apiextensions-apiserver's customResourceStrategy and statusStrategy):
// decoding prunes and defaults by the schema; create drops status when the status sub-resource owns it; writes are
// validated for apiVersion and kind, against the schema (ratcheted on update), for the scale sub-resource's
// replicas and selector, for embedded resources and for list-type invariants; a status write validates status
// alone. Object metadata is validated generically by the registry. CEL rules (x-kubernetes-validations) are not
// enforced.

import type { KubeObject } from '../../api/object.ts';
import { FieldPath, invalidValue } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import type { ResourceStrategy } from '../registry/resource-definition.ts';
import type { CustomResourceVersion } from './crd-version.ts';
import { applyDefaults } from './defaulting.ts';
import { validateEmbeddedResources } from './embedded-resources.ts';
import { finalizerWarnings } from './finalizer-warnings.ts';
import { pruneCustomResource } from './pruning.ts';
import { validateScaleSpec, validateScaleStatus } from './scale-validation.ts';
import { validateListTypes, validateSchema, validateStatusSchema } from './structural-validation.ts';

/** apiVersion and kind must be the version's own (customResourceValidator.ValidateTypeMeta). */
function validateTypeMeta(obj: KubeObject, version: CustomResourceVersion): FieldError[] {
  const errs: FieldError[] = [];
  const apiVersion = `${version.group}/${version.version}`;
  if (obj.kind !== version.kind)
    errs.push(invalidValue(FieldPath.root('kind'), obj.kind ?? '', `must be ${version.kind}`));
  if (obj.apiVersion !== apiVersion) {
    errs.push(invalidValue(FieldPath.root('apiVersion'), obj.apiVersion ?? '', `must be ${apiVersion}`));
  }
  return errs;
}

export function customResourceStrategy(version: CustomResourceVersion): ResourceStrategy {
  const { schema, scale } = version;

  /** The checks of a write of the main resource; `old` on update. */
  const validateWrite = (obj: KubeObject, old?: KubeObject): FieldError[] => {
    const typeMeta = validateTypeMeta(obj, version);
    const errs = typeMeta.length
      ? typeMeta
      : [...validateSchema(obj, schema, old), ...validateScaleSpec(obj, scale), ...validateScaleStatus(obj, scale)];
    errs.push(...validateEmbeddedResources(obj, schema), ...validateListTypes(obj, schema, old));
    return errs;
  };

  return {
    defaults(obj) {
      pruneCustomResource(obj, schema);
      applyDefaults(obj, schema);
    },
    prepareForCreate(obj) {
      if (version.status) delete obj['status'];
    },
    validate(obj, ctx) {
      const errs = validateWrite(obj);
      if (errs.length === 0) ctx.warnings.push(...finalizerWarnings(obj));
      return errs;
    },
    validateUpdate(obj, old, ctx) {
      const errs = validateWrite(obj, old);
      if (errs.length === 0) ctx.warnings.push(...finalizerWarnings(obj, old));
      return errs;
    },
    validateStatusUpdate(obj, old) {
      const typeMeta = validateTypeMeta(obj, version);
      const errs = typeMeta.length
        ? typeMeta
        : [...validateStatusSchema(obj, schema), ...validateScaleStatus(obj, scale)];
      errs.push(...validateListTypes(obj, schema, old));
      return errs;
    },
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: false,
    tracksGeneration: true,
  };
}
