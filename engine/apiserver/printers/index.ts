// Table output (`kubectl get` columns) for every built-in kind, looked up by API group and kind. Kinds without
// columns of their own get upstream's default table: Name and Created At.

import type { TableConvertor } from '../registry/resource-definition.ts';
import { admissionRegistrationPrinters } from './admissionregistration.ts';
import { apiRegistrationPrinters } from './apiregistration.ts';
import { appsPrinters } from './apps.ts';
import { autoscalingPrinters } from './autoscaling.ts';
import { batchPrinters } from './batch.ts';
import { certificatesPrinters } from './certificates.ts';
import { coordinationPrinters } from './coordination.ts';
import { corePrinters } from './core.ts';
import { defaultPrinter } from './default.ts';
import { discoveryPrinters } from './discovery.ts';
import { eventsV1Printer } from './event.ts';
import { flowControlPrinters } from './flowcontrol.ts';
import { networkingPrinters } from './networking.ts';
import { nodeApiPrinters } from './node-api.ts';
import { policyPrinters } from './policy.ts';
import { rbacPrinters } from './rbac.ts';
import { schedulingPrinters } from './scheduling.ts';
import { storagePrinters } from './storage.ts';

const BY_GROUP: Record<string, Readonly<Record<string, TableConvertor>>> = {
  '': corePrinters,
  'admissionregistration.k8s.io': admissionRegistrationPrinters,
  'apiregistration.k8s.io': apiRegistrationPrinters,
  apps: appsPrinters,
  autoscaling: autoscalingPrinters,
  batch: batchPrinters,
  'certificates.k8s.io': certificatesPrinters,
  'coordination.k8s.io': coordinationPrinters,
  'discovery.k8s.io': discoveryPrinters,
  'events.k8s.io': { Event: eventsV1Printer },
  'flowcontrol.apiserver.k8s.io': flowControlPrinters,
  'networking.k8s.io': networkingPrinters,
  'node.k8s.io': nodeApiPrinters,
  policy: policyPrinters,
  'rbac.authorization.k8s.io': rbacPrinters,
  'scheduling.k8s.io': schedulingPrinters,
  'storage.k8s.io': storagePrinters,
};

const PRINTERS = new Map<string, TableConvertor>(
  Object.entries(BY_GROUP).flatMap(([group, kinds]) =>
    Object.entries(kinds).map(([kind, printer]) => [`${group}/${kind}`, printer] as const),
  ),
);

/** The table convertor of a built-in kind, or the default one (Name, Created At). */
export function printerFor(group: string, kind: string): TableConvertor {
  return PRINTERS.get(`${group}/${kind}`) ?? defaultPrinter;
}
