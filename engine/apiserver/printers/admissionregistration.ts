// Table columns of the admissionregistration.k8s.io API group: webhook configurations, and
// ValidatingAdmissionPolicy with its bindings.

import type { KubeObject } from '../../api/object.ts';
import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import { labelSelectorGoString } from './label-selector.ts';
import { count, field, has, str } from './read.ts';
import { age } from './time.ts';

const webhookConfigurationPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Webhooks', 'How many webhooks the configuration registers.', { type: 'integer' }),
    AGE_COLUMN,
  ],
  row: (config, now) => [config.metadata.name ?? '', count(config, 'webhooks'), age(config, now)],
};

const validatingAdmissionPolicyPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Validations', 'How many validation rules the policy has.', { type: 'integer' }),
    column('ParamKind', 'The kind of the objects that parameterize the policy.'),
    AGE_COLUMN,
  ],
  row: (policy, now) => [
    policy.metadata.name ?? '',
    count(policy.spec, 'validations'),
    has(policy.spec, 'paramKind')
      ? `${str(policy.spec, 'paramKind', 'apiVersion')}/${str(policy.spec, 'paramKind', 'kind')}`
      : '<unset>',
    age(policy, now),
  ],
};

/** The parameter object of a binding: namespace/name ("*" for any namespace), its selector, or "<unset>". */
function paramRef(binding: KubeObject): string {
  const ref = field(binding.spec, 'paramRef');
  if (!has(ref)) return '<unset>';
  const name = str(ref, 'name');
  if (name !== '') return `${str(ref, 'namespace') || '*'}/${name}`;
  return has(ref, 'selector') ? labelSelectorGoString(field(ref, 'selector')) : '<unset>';
}

const validatingAdmissionPolicyBindingPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('PolicyName', 'The policy the binding applies.'),
    column('ParamRef', 'The object (or selector of objects) that parameterizes the policy.'),
    AGE_COLUMN,
  ],
  row: (binding, now) => [
    binding.metadata.name ?? '',
    str(binding.spec, 'policyName'),
    paramRef(binding),
    age(binding, now),
  ],
};

export const admissionRegistrationPrinters: Readonly<Record<string, TableConvertor>> = {
  MutatingWebhookConfiguration: webhookConfigurationPrinter,
  ValidatingWebhookConfiguration: webhookConfigurationPrinter,
  ValidatingAdmissionPolicy: validatingAdmissionPolicyPrinter,
  ValidatingAdmissionPolicyBinding: validatingAdmissionPolicyBindingPrinter,
};
