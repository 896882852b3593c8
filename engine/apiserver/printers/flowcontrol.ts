// Table columns of the flowcontrol.apiserver.k8s.io API group (API Priority and Fairness): FlowSchema and
// PriorityLevelConfiguration.

import type { KubeObject } from '../../api/object.ts';
import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import { field, has, int, list, str } from './read.ts';
import { age } from './time.ts';

/** The status of the Dangling condition ("True" when the priority level is missing), "?" before it is known. */
function missingPriorityLevel(schema: KubeObject): string {
  const dangling = list(schema.status, 'conditions').find((c) => str(c, 'type') === 'Dangling');
  return dangling === undefined ? '?' : str(dangling, 'status');
}

const flowSchemaPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('PriorityLevel', 'The priority level requests matching the schema are handled at.'),
    column('MatchingPrecedence', 'The order the schema is tried in; lower goes first.'),
    column('DistinguisherMethod', 'How matching requests are split into flows: ByUser or ByNamespace.'),
    AGE_COLUMN,
    column('MissingPL', 'Whether the priority level the schema names does not exist.'),
  ],
  row: (schema, now) => [
    schema.metadata.name ?? '',
    str(schema.spec, 'priorityLevelConfiguration', 'name'),
    int(schema.spec, 'matchingPrecedence'),
    str(schema.spec, 'distinguisherMethod', 'type') || '<none>',
    age(schema, now),
    missingPriorityLevel(schema),
  ],
};

function queuing(level: KubeObject): (number | string)[] {
  const limited = field(level.spec, 'limited');
  if (!has(limited)) return ['<none>', '<none>', '<none>', '<none>'];
  const queues = field(limited, 'limitResponse', 'queuing');
  const numbers = has(queues)
    ? [int(queues, 'queues'), int(queues, 'handSize'), int(queues, 'queueLengthLimit')]
    : ['<none>', '<none>', '<none>'];
  return [int(limited, 'nominalConcurrencyShares'), ...numbers];
}

const priorityLevelConfigurationPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Type', 'Limited, or Exempt for requests that are never queued.'),
    column('NominalConcurrencyShares', 'The share of the server concurrency the level gets.'),
    column('Queues', 'How many queues the level shuffles flows into.'),
    column('HandSize', 'How many queues each flow may be dealt into.'),
    column('QueueLengthLimit', 'How many requests may wait in one queue.'),
    AGE_COLUMN,
  ],
  row: (level, now) => [level.metadata.name ?? '', str(level.spec, 'type'), ...queuing(level), age(level, now)],
};

export const flowControlPrinters: Readonly<Record<string, TableConvertor>> = {
  FlowSchema: flowSchemaPrinter,
  PriorityLevelConfiguration: priorityLevelConfigurationPrinter,
};
