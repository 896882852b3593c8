// Table columns of the autoscaling API group: HorizontalPodAutoscaler.

import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import { hpaTargets } from './hpa-targets.ts';
import { int, maybeInt, str } from './read.ts';
import { age } from './time.ts';

const horizontalPodAutoscalerPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Reference', 'The object the autoscaler scales, as Kind/name.'),
    column('Targets', 'Each metric the autoscaler follows, as current/target.'),
    column('MinPods', 'The fewest replicas the autoscaler scales down to.'),
    column('MaxPods', 'The most replicas the autoscaler scales up to.'),
    column('Replicas', 'How many replicas the scaled object has now.'),
    AGE_COLUMN,
  ],
  row: (hpa, now) => {
    const minReplicas = maybeInt(hpa.spec, 'minReplicas');
    return [
      hpa.metadata.name ?? '',
      `${str(hpa.spec, 'scaleTargetRef', 'kind')}/${str(hpa.spec, 'scaleTargetRef', 'name')}`,
      hpaTargets(hpa),
      minReplicas === undefined ? '<unset>' : String(minReplicas),
      int(hpa.spec, 'maxReplicas'),
      int(hpa.status, 'currentReplicas'),
      age(hpa, now),
    ];
  },
};

export const autoscalingPrinters: Readonly<Record<string, TableConvertor>> = {
  HorizontalPodAutoscaler: horizontalPodAutoscalerPrinter,
};
