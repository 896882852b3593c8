// Table columns of the networking.k8s.io API group: Ingress, IngressClass and NetworkPolicy.

import type { KubeObject } from '../../api/object.ts';
import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import { formatLabelSelector } from './label-selector.ts';
import { count, field, has, list, maybeStr, str } from './read.ts';
import { loadBalancerAddresses } from './service.ts';
import { age } from './time.ts';

/** The hosts of the first three rules that name one, "+ N more..." past three rules, "*" when none names one. */
function hosts(ingress: KubeObject): string {
  const rules = list(ingress.spec, 'rules');
  const shown: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (shown.length === 3) more = true;
    if (!more && str(rule, 'host') !== '') shown.push(str(rule, 'host'));
  }
  if (shown.length === 0) return '*';
  return more ? `${shown.join(',')} + ${rules.length - 3} more...` : shown.join(',');
}

const ingressPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Class', 'The IngressClass that handles the ingress.'),
    column('Hosts', 'The host names the rules of the ingress match.'),
    column('Address', 'The addresses of the load balancer that serves the ingress.'),
    column('Ports', 'The ports the ingress serves: 80, and 443 when it has TLS.'),
    AGE_COLUMN,
  ],
  row: (ingress, now) => [
    ingress.metadata.name ?? '',
    maybeStr(ingress.spec, 'ingressClassName') ?? '<none>',
    hosts(ingress),
    loadBalancerAddresses(ingress.status),
    count(ingress.spec, 'tls') > 0 ? '80, 443' : '80',
    age(ingress, now),
  ],
};

/** The parameters reference as "Kind.group/name", or "<none>". */
function parameters(ingressClass: KubeObject): string {
  const ref = field(ingressClass.spec, 'parameters');
  if (!has(ref)) return '<none>';
  const group = maybeStr(ref, 'apiGroup');
  return `${str(ref, 'kind')}${group === undefined ? '' : `.${group}`}/${str(ref, 'name')}`;
}

const ingressClassPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Controller', 'The controller that implements ingresses of this class.'),
    column('Parameters', 'The object holding extra configuration for the controller.'),
    AGE_COLUMN,
  ],
  row: (ingressClass, now) => [
    ingressClass.metadata.name ?? '',
    str(ingressClass.spec, 'controller'),
    parameters(ingressClass),
    age(ingressClass, now),
  ],
};

const networkPolicyPrinter: TableConvertor = {
  columns: [NAME_COLUMN, column('Pod-Selector', 'The labels of the pods the policy applies to.'), AGE_COLUMN],
  row: (policy, now) => [
    policy.metadata.name ?? '',
    formatLabelSelector(field(policy.spec, 'podSelector')),
    age(policy, now),
  ],
};

export const networkingPrinters: Readonly<Record<string, TableConvertor>> = {
  Ingress: ingressPrinter,
  IngressClass: ingressClassPrinter,
  NetworkPolicy: networkPolicyPrinter,
};
