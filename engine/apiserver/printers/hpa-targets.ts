// The TARGETS cell of a HorizontalPodAutoscaler: each metric as "current/target" ("cpu: 40%/80%",
// "50m/100m (avg)"), the first two of them with "+ N more...", "<none>" without metrics.

import type { KubeObject } from '../../api/object.ts';
import { formatQuantity } from './quantity.ts';
import { field, has, list, maybeInt, str } from './read.ts';

/** The CPU utilization autoscaling/v1 targets when it names none (autoscaling's DefaultCPUUtilization). */
const DEFAULT_CPU_UTILIZATION = 80;

/** A *resource.Quantity printed as Go prints it, "<nil>" when unset. */
const quantity = (value: unknown) => (has(value) ? formatQuantity(value) : '<nil>');

/** The metrics of an autoscaling/v1 object, as they convert to autoscaling/v2. */
function v1Metrics(hpa: KubeObject): { specs: unknown[]; statuses: unknown[] } {
  const target = maybeInt(hpa.spec, 'targetCPUUtilizationPercentage') ?? DEFAULT_CPU_UTILIZATION;
  const current = maybeInt(hpa.status, 'currentCPUUtilizationPercentage');
  return {
    specs: [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } },
    ],
    statuses:
      current === undefined
        ? []
        : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }],
  };
}

/** External and Object metrics: a value, or an average value marked "(avg)". */
function valueMetric(source: unknown, status: unknown): string {
  const target = field(source, 'target');
  if (has(target, 'averageValue')) {
    const average = field(status, 'current', 'averageValue');
    return `${has(average) ? formatQuantity(average) : '<unknown>'}/${quantity(field(target, 'averageValue'))} (avg)`;
  }
  const current = has(status) ? quantity(field(status, 'current', 'value')) : '<unknown>';
  return `${current}/${quantity(field(target, 'value'))}`;
}

/** Pods metrics: an average value per pod. */
function podsMetric(source: unknown, status: unknown): string {
  const current = has(status) ? quantity(field(status, 'current', 'averageValue')) : '<unknown>';
  return `${current}/${quantity(field(source, 'target', 'averageValue'))}`;
}

/** Resource and ContainerResource metrics: "name: current/target" in values or utilization percentages. */
function resourceMetric(source: unknown, status: unknown): string {
  const target = field(source, 'target');
  const name = str(source, 'name');
  if (has(target, 'averageValue')) {
    const current = has(status) ? quantity(field(status, 'current', 'averageValue')) : '<unknown>';
    return `${name}: ${current}/${quantity(field(target, 'averageValue'))}`;
  }
  const used = maybeInt(status, 'current', 'averageUtilization');
  const wanted = maybeInt(target, 'averageUtilization');
  return `${name}: ${used === undefined ? '<unknown>' : `${used}%`}/${wanted === undefined ? '<auto>' : `${wanted}%`}`;
}

const SOURCE_FIELDS: Record<string, string> = {
  External: 'external',
  Pods: 'pods',
  Object: 'object',
  Resource: 'resource',
  ContainerResource: 'containerResource',
};

function metricText(spec: unknown, status: unknown): string {
  const type = str(spec, 'type');
  const key = SOURCE_FIELDS[type];
  if (key === undefined) return '<unknown type>';
  const source = field(spec, key);
  const current = field(status, key);
  if (type === 'Resource' || type === 'ContainerResource') return resourceMetric(source, current);
  return type === 'Pods' ? podsMetric(source, current) : valueMetric(source, current);
}

export function hpaTargets(hpa: KubeObject): string {
  const { specs, statuses } =
    hpa.apiVersion === 'autoscaling/v1'
      ? v1Metrics(hpa)
      : { specs: list(hpa.spec, 'metrics'), statuses: list(hpa.status, 'currentMetrics') };
  if (specs.length === 0) return '<none>';
  const texts = specs.map((spec, i) => metricText(spec, statuses[i]));
  const shown = texts.slice(0, 2).join(', ');
  return texts.length > 2 ? `${shown} + ${texts.length - 2} more...` : shown;
}
