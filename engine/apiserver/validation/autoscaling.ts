// The autoscaling group (pkg/apis/autoscaling/validation): HorizontalPodAutoscalers with at least one replica,
// a maximum not below the minimum, a scale target named by kind and name, metrics whose source matches their type
// and whose targets are positive, and scaling behavior within upstream's bounds. autoscaling/v1 objects are
// checked as upstream checks them after conversion: the CPU target becomes metrics[0].
// The status may only hold non-negative replica counts.

import { FieldPath, forbiddenField, invalidValue, notSupported, required } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { num, optNum, record, records, recordOrEmpty, str } from './access.ts';
import type { Json } from './access.ts';
import { validateContainerResourceName } from './core/resource-names.ts';
import { tryQuantity, ZERO_QUANTITY } from './core/quantities.ts';
import { invalidEach, validateDNS1123Label, validateNonnegative } from './generic.ts';
import { validateLabelSelector } from './label-selector.ts';
import { isValidPathSegmentName } from './path-segment-name.ts';

const SPEC = FieldPath.root('spec');
const MIN_REPLICAS_LOWER_BOUND = 1;
const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const SCALING_POLICY_TYPES = ['Percent', 'Pods'];
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const MAX_PERIOD_SECONDS = 1800;

function validateCrossVersionObjectReference(ref: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['kind', 'name']) {
    const value = str(ref[field]);
    if (value === '') errs.push(required(path.child(field)));
    else errs.push(...invalidEach(path.child(field), value, isValidPathSegmentName(value)));
  }
  return errs;
}

function isPositiveQuantity(value: unknown): boolean {
  const q = tryQuantity(value);
  return q !== undefined && q.cmp(ZERO_QUANTITY) > 0;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

function validateMetricTarget(target: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(target.type);
  if (type === '') errs.push(required(path.child('type'), 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(type))
    errs.push(invalidValue(path.child('type'), type, 'must be either Utilization, Value, or AverageValue'));
  for (const field of ['value', 'averageValue']) {
    if (isSet(target[field]) && !isPositiveQuantity(target[field]))
      errs.push(invalidValue(path.child(field), target[field], 'must be positive'));
  }
  const utilization = optNum(target.averageUtilization);
  if (utilization !== undefined && utilization < 1)
    errs.push(invalidValue(path.child('averageUtilization'), utilization, 'must be greater than 0'));
  return errs;
}

function validateMetricIdentifier(metric: Json, path: FieldPath): FieldError[] {
  const name = str(metric.name);
  const errs =
    name === ''
      ? [required(path.child('name'), 'must specify a metric name')]
      : invalidEach(path.child('name'), name, isValidPathSegmentName(name));
  if (record(metric.selector)) errs.push(...validateLabelSelector(metric.selector, {}, path.child('selector')));
  return errs;
}

function validateResourceTarget(target: Json, path: FieldPath): FieldError[] {
  const errs = validateMetricTarget(target, path);
  if (!isSet(target.averageUtilization) && !isSet(target.averageValue)) {
    errs.push(required(path.child('averageUtilization'), 'must set either a target raw value or a target utilization'));
  }
  if (isSet(target.averageUtilization) && isSet(target.averageValue)) {
    errs.push(
      forbiddenField(path.child('averageValue'), 'may not set both a target raw value and a target utilization'),
    );
  }
  return errs;
}

type SourceValidator = (source: Json, path: FieldPath) => FieldError[];

const SOURCES: [string, SourceValidator][] = [
  [
    'object',
    (src, path) => {
      const target = recordOrEmpty(src.target);
      const errs = [
        ...validateCrossVersionObjectReference(recordOrEmpty(src.describedObject), path.child('describedObject')),
        ...validateMetricIdentifier(recordOrEmpty(src.metric), path.child('metric')),
        ...validateMetricTarget(target, path.child('target')),
      ];
      if (!isSet(target.value) && !isSet(target.averageValue)) {
        errs.push(required(path.child('target', 'averageValue'), 'must set either a target value or averageValue'));
      }
      return errs;
    },
  ],
  [
    'external',
    (src, path) => {
      const target = recordOrEmpty(src.target);
      const errs = [
        ...validateMetricIdentifier(recordOrEmpty(src.metric), path.child('metric')),
        ...validateMetricTarget(target, path.child('target')),
      ];
      if (!isSet(target.value) && !isSet(target.averageValue)) {
        errs.push(
          required(
            path.child('target', 'averageValue'),
            'must set either a target value for metric or a per-pod target',
          ),
        );
      }
      if (isSet(target.value) && isSet(target.averageValue)) {
        errs.push(
          forbiddenField(
            path.child('target', 'value'),
            'may not set both a target value for metric and a per-pod target',
          ),
        );
      }
      return errs;
    },
  ],
  [
    'pods',
    (src, path) => {
      const target = recordOrEmpty(src.target);
      const errs = [
        ...validateMetricIdentifier(recordOrEmpty(src.metric), path.child('metric')),
        ...validateMetricTarget(target, path.child('target')),
      ];
      if (!isSet(target.averageValue))
        errs.push(required(path.child('target', 'averageValue'), 'must specify a positive target averageValue'));
      return errs;
    },
  ],
  [
    'resource',
    (src, path) => {
      const name = str(src.name);
      const errs =
        name === ''
          ? [required(path.child('name'), 'must specify a resource name')]
          : validateContainerResourceName(name, path.child('name'));
      return [...errs, ...validateResourceTarget(recordOrEmpty(src.target), path.child('target'))];
    },
  ],
  [
    'containerResource',
    (src, path) => {
      const name = str(src.name);
      const errs =
        name === ''
          ? [required(path.child('name'), 'must specify a resource name')]
          : validateContainerResourceName(name, path.child('name'));
      const container = str(src.container);
      if (container === '') errs.push(required(path.child('container'), 'must specify a container'));
      else errs.push(...validateDNS1123Label(container, path.child('container')));
      return [...errs, ...validateResourceTarget(recordOrEmpty(src.target), path.child('target'))];
    },
  ],
];

function validateMetricSpec(metric: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(metric.type);
  if (type === '') errs.push(required(path.child('type'), 'must specify a metric source type'));
  if (!METRIC_TYPES.includes(type)) errs.push(notSupported(path.child('type'), type, METRIC_TYPES));
  const present: string[] = [];
  for (const [field, validate] of SOURCES) {
    const source = record(metric[field]);
    if (!source) continue;
    present.push(field);
    if (present.length === 1) errs.push(...validate(source, path.child(field)));
  }
  const expected = type === 'ContainerResource' ? 'containerResource' : type.toLowerCase();
  if (!present.includes(expected))
    errs.push(required(path.child(expected), 'must populate information for the given metric source'));
  if (present.length !== 1) {
    for (const field of present.filter((f) => f !== expected))
      errs.push(forbiddenField(path.child(field), 'must populate the given metric source only'));
  }
  return errs;
}

function validateScalingRules(rules: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const window = optNum(rules.stabilizationWindowSeconds);
  if (window !== undefined && window < 0)
    errs.push(invalidValue(path.child('stabilizationWindowSeconds'), window, 'must be greater than or equal to zero'));
  if (window !== undefined && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(
      invalidValue(
        path.child('stabilizationWindowSeconds'),
        window,
        `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`,
      ),
    );
  }
  if (typeof rules.selectPolicy === 'string' && !SELECT_POLICIES.includes(rules.selectPolicy)) {
    errs.push(notSupported(path.child('selectPolicy'), rules.selectPolicy, SELECT_POLICIES));
  }
  const policies = records(rules.policies);
  if (policies.length === 0) errs.push(required(path.child('policies'), 'must specify at least one Policy'));
  policies.forEach((policy, i) => {
    const at = path.child('policies').index(i);
    if (!SCALING_POLICY_TYPES.includes(str(policy.type)))
      errs.push(notSupported(at.child('type'), str(policy.type), SCALING_POLICY_TYPES));
    if (num(policy.value) <= 0)
      errs.push(invalidValue(at.child('value'), num(policy.value), 'must be greater than zero'));
    const period = num(policy.periodSeconds);
    if (period <= 0) errs.push(invalidValue(at.child('periodSeconds'), period, 'must be greater than zero'));
    if (period > MAX_PERIOD_SECONDS)
      errs.push(invalidValue(at.child('periodSeconds'), period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  });
  return errs;
}

function validateReplicaBounds(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  const min = optNum(spec.minReplicas);
  const max = num(spec.maxReplicas);
  if (min !== undefined && min < MIN_REPLICAS_LOWER_BOUND) {
    errs.push(
      invalidValue(SPEC.child('minReplicas'), min, `must be greater than or equal to ${MIN_REPLICAS_LOWER_BOUND}`),
    );
  }
  if (max < 1) errs.push(invalidValue(SPEC.child('maxReplicas'), max, 'must be greater than 0'));
  if (min !== undefined && max < min)
    errs.push(invalidValue(SPEC.child('maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateCrossVersionObjectReference(recordOrEmpty(spec.scaleTargetRef), SPEC.child('scaleTargetRef')));
  return errs;
}

/** An autoscaling/v2 HorizontalPodAutoscaler. */
export function validateHorizontalPodAutoscaler(hpa: Json): FieldError[] {
  const spec = recordOrEmpty(hpa.spec);
  const errs = validateReplicaBounds(spec);
  records(spec.metrics).forEach((metric, i) =>
    errs.push(...validateMetricSpec(metric, SPEC.child('metrics').index(i))),
  );
  const behavior = record(spec.behavior);
  for (const direction of ['scaleUp', 'scaleDown']) {
    const rules = record(behavior?.[direction]);
    if (rules) errs.push(...validateScalingRules(rules, SPEC.child('behavior', direction)));
  }
  return errs;
}

/** An autoscaling/v1 HorizontalPodAutoscaler; its CPU target is checked where conversion puts it. */
export function validateHorizontalPodAutoscalerV1(hpa: Json): FieldError[] {
  const spec = recordOrEmpty(hpa.spec);
  const errs = validateReplicaBounds(spec);
  const cpu = optNum(spec.targetCPUUtilizationPercentage);
  if (cpu !== undefined && cpu < 1) {
    errs.push(
      invalidValue(
        SPEC.child('metrics').index(0).child('resource', 'target', 'averageUtilization'),
        cpu,
        'must be greater than 0',
      ),
    );
  }
  return errs;
}

export function validateHorizontalPodAutoscalerStatus(hpa: Json): FieldError[] {
  const status = recordOrEmpty(hpa.status);
  const path = FieldPath.root('status');
  return [
    ...validateNonnegative(num(status.currentReplicas), path.child('currentReplicas')),
    ...validateNonnegative(num(status.desiredReplicas), path.child('desiredReplicas')),
  ];
}
