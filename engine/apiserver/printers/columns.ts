// Building blocks shared by the per-group printers: column definitions (name, type, format, priority for
// `-o wide`) and the cells several kinds print alike (container names and images of a pod template).

import type { TableColumnDefinition } from '../registry/resource-definition.ts';
import { list, str } from './read.ts';

interface ColumnOptions {
  type?: TableColumnDefinition['type'];
  format?: string;
  /** 1 for columns shown only with `-o wide`. */
  priority?: number;
}

export function column(name: string, description: string, options: ColumnOptions = {}): TableColumnDefinition {
  return {
    name,
    type: options.type ?? 'string',
    format: options.format ?? '',
    description,
    priority: options.priority ?? 0,
  };
}

/** A column printed only with `-o wide`. */
export function wideColumn(name: string, description: string, options: ColumnOptions = {}): TableColumnDefinition {
  return column(name, description, { ...options, priority: 1 });
}

export const NAME_COLUMN = column(
  'Name',
  'The name of the object, unique among objects of its kind in its namespace (or in the cluster).',
  { format: 'name' },
);

export const AGE_COLUMN = column('Age', 'How long ago the object was created.');

export const CONTAINERS_COLUMN = wideColumn('Containers', 'The names of the containers in the pod template.');
export const IMAGES_COLUMN = wideColumn('Images', 'The images the containers of the pod template run.');

/** Container names and images of a pod spec, each joined with commas. */
export function containerCells(podSpec: unknown): [names: string, images: string] {
  const containers = list(podSpec, 'containers');
  return [containers.map((c) => str(c, 'name')).join(','), containers.map((c) => str(c, 'image')).join(',')];
}
