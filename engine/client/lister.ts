// Listers: read-only views of an informer's cache, all objects or one namespace, filtered by a label predicate —
// what controllers read current state from instead of asking the API server.

import type { KubeObject } from '../api/object.ts';
import type { Indexer } from './indexer.ts';
import { NAMESPACE_INDEX } from './indexer.ts';

export type LabelPredicate = (labels: Record<string, string> | undefined) => boolean;

const everything: LabelPredicate = () => true;

export class Lister {
  constructor(private readonly indexer: Indexer) {}

  list(selector: LabelPredicate = everything): KubeObject[] {
    return this.indexer.list().filter((o) => selector(o.metadata.labels));
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.indexer.get(namespace ? `${namespace}/${name}` : name);
  }

  namespace(namespace: string): {
    list(selector?: LabelPredicate): KubeObject[];
    get(name: string): KubeObject | undefined;
  } {
    return {
      list: (selector = everything) =>
        this.indexer.byIndex(NAMESPACE_INDEX, namespace).filter((o) => selector(o.metadata.labels)),
      get: (name) => this.indexer.get(`${namespace}/${name}`),
    };
  }
}
