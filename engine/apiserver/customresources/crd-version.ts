// One served version of a CustomResourceDefinition (apiextensions.k8s.io/v1), read from the CRD object with the
// defaults the API server gives it: singular is the lower-case kind and listKind is "<Kind>List" when unset. The
// schema, sub-resources, printer columns and selectable fields are those of spec.versions[] for the version.

import type { KubeObject } from '../../api/object.ts';
import { isPlainObject } from '../../api/object.ts';
import type { AdditionalPrinterColumn } from '../printers/custom-columns.ts';
import type { ScaleSubresource } from '../registry/resource-definition.ts';
import { parseSchemaProps } from './schema-props.ts';
import type { JSONSchemaProps } from './schema-props.ts';

export interface CustomResourceVersion {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  schema: JSONSchemaProps;
  /** Whether the status sub-resource is enabled. */
  status: boolean;
  scale: ScaleSubresource | undefined;
  printerColumns: AdditionalPrinterColumn[] | undefined;
  /** JSONPaths of spec.versions[].selectableFields, e.g. ".spec.color". */
  selectableFields: string[];
}

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return isPlainObject(value) ? value : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function readScale(subresources: Json): ScaleSubresource | undefined {
  if (!isPlainObject(subresources['scale'])) return undefined;
  const scale = subresources['scale'];
  const out: ScaleSubresource = {
    specReplicasPath: text(scale['specReplicasPath']),
    statusReplicasPath: text(scale['statusReplicasPath']),
  };
  if (typeof scale['labelSelectorPath'] === 'string') out.labelSelectorPath = scale['labelSelectorPath'];
  return out;
}

function readColumns(value: unknown): AdditionalPrinterColumn[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isPlainObject).map((column) => {
    const out: AdditionalPrinterColumn = {
      name: text(column['name']),
      type: text(column['type']) as AdditionalPrinterColumn['type'],
      jsonPath: text(column['jsonPath']),
    };
    if (typeof column['format'] === 'string') out.format = column['format'];
    if (typeof column['description'] === 'string') out.description = column['description'];
    if (typeof column['priority'] === 'number') out.priority = column['priority'];
    return out;
  });
}

/** The version `version` of a CRD, or undefined when the CRD has no such version or no schema for it. */
export function readCustomResourceVersion(crd: KubeObject, version: string): CustomResourceVersion | undefined {
  const spec = record(crd['spec']);
  const names = record(spec['names']);
  const entry = (Array.isArray(spec['versions']) ? spec['versions'] : [])
    .filter(isPlainObject)
    .find((v) => v['name'] === version);
  const openAPIV3Schema = record(entry?.['schema'])['openAPIV3Schema'];
  if (!entry || !isPlainObject(openAPIV3Schema)) return undefined;
  const kind = text(names['kind']);
  const subresources = record(entry['subresources']);
  return {
    group: text(spec['group']),
    version,
    kind,
    listKind: text(names['listKind']) || `${kind}List`,
    plural: text(names['plural']),
    singular: text(names['singular']) || kind.toLowerCase(),
    namespaced: spec['scope'] !== 'Cluster',
    shortNames: strings(names['shortNames']),
    categories: strings(names['categories']),
    schema: parseSchemaProps(openAPIV3Schema),
    status: isPlainObject(subresources['status']),
    scale: readScale(subresources),
    printerColumns: readColumns(entry['additionalPrinterColumns']),
    selectableFields: (Array.isArray(entry['selectableFields']) ? entry['selectableFields'] : [])
      .filter(isPlainObject)
      .map((field) => text(field['jsonPath'])),
  };
}
