// SchedulingDecisions (lab.kubelab.io/v1alpha1, namespaced, read-only): the scheduler's decision log served through
// the API, one object per recently scheduled pod, named after the pod — `kubectl get schedulingdecisions` lists
// where pods went and why not elsewhere, `-o yaml` shows every plugin's verdict per node.

import type { KubeObject } from '../api/object.ts';
import type { ApiResponse } from '../apiserver/endpoints/api-request.ts';
import { renderList, renderObject } from '../apiserver/endpoints/handlers/render.ts';
import { selection } from '../apiserver/endpoints/handlers/selection.ts';
import { negotiateOutput } from '../apiserver/endpoints/negotiation.ts';
import { notFound } from '../apiserver/errors/status-error.ts';
import { column } from '../apiserver/printers/columns.ts';
import { humanDuration } from '../apiserver/printers/duration.ts';
import type { ResourceDefinition, TableConvertor } from '../apiserver/registry/resource-definition.ts';
import type { ServedResource } from '../apiserver/registry/served-resource.ts';
import { LAB_GROUP, LAB_VERSION } from '../lab/lab-resources.ts';
import type { DecisionLog } from '../scheduler/decision-log.ts';
import type { SchedulingDecision } from '../scheduler/decision-types.ts';

const TABLE: TableConvertor = {
  columns: [
    column('Name', 'The pod the decision is about.', { format: 'name' }),
    column('Phase', 'The result of the last attempt.'),
    column('Node', 'The node the pod was bound to.'),
    column('Attempts', 'How many times the scheduler tried the pod.', { type: 'integer' }),
    column('Message', 'Why the last attempt failed.', { priority: 1 }),
    column('Age', 'Since the first attempt.', { type: 'date' }),
  ],
  row(obj, now) {
    const d = obj as unknown as SchedulingDecision;
    return [
      d.metadata.name,
      d.status.phase,
      d.status.nodeName ?? '<none>',
      d.status.attemptCount,
      d.status.message ?? '',
      humanDuration(now - Date.parse(d.metadata.creationTimestamp)),
    ];
  },
};

export const SCHEDULING_DECISIONS: ResourceDefinition = {
  group: LAB_GROUP,
  version: LAB_VERSION,
  kind: 'SchedulingDecision',
  listKind: 'SchedulingDecisionList',
  resource: 'schedulingdecisions',
  singular: 'schedulingdecision',
  namespaced: true,
  shortNames: ['sd'],
  verbs: ['get', 'list'],
  schema: '',
  strategy: {},
  table: TABLE,
};

export function schedulingDecisionsResource(log: DecisionLog): ServedResource {
  const definition = SCHEDULING_DECISIONS;
  const objects = () => log.list() as unknown as KubeObject[];
  return {
    definition,
    verbs: {
      async list({ req, info, clock }): Promise<ApiResponse> {
        const format = negotiateOutput(req.headers['accept'], { list: true, watch: false });
        const { predicate } = selection(req.query, definition);
        const items = objects().filter(
          (d) => (!info.namespace || d.metadata.namespace === info.namespace) && (!predicate || predicate(d)),
        );
        const list = { kind: definition.listKind, apiVersion: `${LAB_GROUP}/${LAB_VERSION}`, metadata: {}, items };
        return renderList(list, format, TABLE, clock.now(), req.query);
      },
      async get({ req, info, clock }): Promise<ApiResponse> {
        const format = negotiateOutput(req.headers['accept'], { list: false, watch: false });
        const found = log.get(info.namespace, info.name) as unknown as KubeObject | undefined;
        if (!found) throw notFound({ group: LAB_GROUP, resource: definition.resource }, info.name);
        return renderObject(found, 200, format, TABLE, clock.now(), req.query);
      },
    },
  };
}
