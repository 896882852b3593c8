// Node selection as component-helpers' nodeaffinity package does it: a pod's required node affinity (nodeSelector
// plus requiredDuringScheduling terms, ORed, each term's requirements ANDed, matchFields on metadata.name only)
// and its preferred terms (the weights of the matching ones summed). A term that fails to parse matches nothing.

import { LabelRequirement } from '../../../apiserver/selectors/label-requirement.ts';
import type { LabelOperator } from '../../../apiserver/selectors/label-requirement.ts';
import { LabelSelector } from '../../../apiserver/selectors/label-selector.ts';
import type {
  Node,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PreferredSchedulingTerm,
} from '../../framework/api-types.ts';

const NODE_OPERATORS: Record<string, LabelOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
  Gt: 'gt',
  Lt: 'lt',
};

interface FieldRequirement {
  key: string;
  value: string;
  equal: boolean;
}

/** One parsed NodeSelectorTerm. */
class ParsedTerm {
  readonly labels: LabelRequirement[] | undefined;
  readonly fields: FieldRequirement[] | undefined;
  readonly errors: string[] = [];

  constructor(term: NodeSelectorTerm) {
    if (term.matchExpressions?.length) {
      this.labels = [];
      for (const expr of term.matchExpressions) {
        const op = NODE_OPERATORS[expr.operator];
        if (!op) {
          this.errors.push(`Unsupported value: "${expr.operator}"`);
          continue;
        }
        try {
          this.labels.push(LabelRequirement.create(expr.key, op, expr.values ?? []));
        } catch (error) {
          this.errors.push(error instanceof Error ? error.message : String(error));
        }
      }
    }
    if (term.matchFields?.length) this.fields = this.parseFields(term.matchFields);
  }

  private parseFields(requirements: NodeSelectorRequirement[]): FieldRequirement[] {
    const fields: FieldRequirement[] = [];
    for (const expr of requirements) {
      const values = expr.values ?? [];
      if (values.length !== 1) {
        this.errors.push('must have one element');
        continue;
      }
      if (expr.operator !== 'In' && expr.operator !== 'NotIn') {
        this.errors.push(`Unsupported value: "${expr.operator}"`);
        continue;
      }
      fields.push({ key: expr.key, value: values[0]!, equal: expr.operator === 'In' });
    }
    return fields;
  }

  match(node: Node): boolean {
    if (this.labels === undefined && this.fields === undefined) return false;
    if (this.errors.length) return false;
    const labels = node.metadata.labels;
    if (this.labels) for (const r of this.labels) if (!r.matches(labels)) return false;
    if (this.fields) {
      for (const f of this.fields) {
        const actual = f.key === 'metadata.name' ? (node.metadata.name ?? '') : '';
        if ((actual === f.value) !== f.equal) return false;
      }
    }
    return true;
  }
}

/** A NodeSelector whose terms' parse errors only count when the term is evaluated (LazyErrorNodeSelector). */
export class LazyErrorNodeSelector {
  private readonly terms: ParsedTerm[];

  constructor(selector: NodeSelector) {
    this.terms = (selector.nodeSelectorTerms ?? []).map((t) => new ParsedTerm(t));
  }

  match(node: Node): boolean {
    for (const term of this.terms) if (term.match(node)) return true;
    return false;
  }
}

/** nodeaffinity.RequiredNodeAffinity: the pod's nodeSelector and required node affinity together. */
export class RequiredNodeAffinity {
  private readonly labelSelector: LabelSelector | undefined;
  private readonly nodeSelector: LazyErrorNodeSelector | undefined;

  constructor(pod: Pod) {
    const nodeSelector = pod.spec.nodeSelector;
    if (nodeSelector && Object.keys(nodeSelector).length > 0) this.labelSelector = LabelSelector.fromSet(nodeSelector);
    const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (required) this.nodeSelector = new LazyErrorNodeSelector(required);
  }

  /** Whether the pod states any node requirement at all. */
  get isEmpty(): boolean {
    return this.labelSelector === undefined && this.nodeSelector === undefined;
  }

  match(node: Node): boolean {
    if (this.labelSelector && !this.labelSelector.matches(node.metadata.labels)) return false;
    return this.nodeSelector ? this.nodeSelector.match(node) : true;
  }
}

/** nodeaffinity.PreferredSchedulingTerms: the weights of the matching preferred terms, summed. */
export class PreferredSchedulingTerms {
  private constructor(private readonly terms: { term: ParsedTerm; weight: number }[]) {}

  /** Parses the terms; throws with the parse errors, as NewPreferredSchedulingTerms returns them. */
  static parse(terms: readonly PreferredSchedulingTerm[]): PreferredSchedulingTerms {
    const parsed: { term: ParsedTerm; weight: number }[] = [];
    const errors: string[] = [];
    for (const t of terms) {
      const pref = t.preference;
      if (t.weight === 0 || (!pref.matchExpressions?.length && !pref.matchFields?.length)) continue;
      const term = new ParsedTerm(pref);
      if (term.errors.length) errors.push(...term.errors);
      else parsed.push({ term, weight: t.weight });
    }
    if (errors.length) throw new Error(errors.join(', '));
    return new PreferredSchedulingTerms(parsed);
  }

  score(node: Node): number {
    let score = 0;
    for (const { term, weight } of this.terms) if (term.match(node)) score += weight;
    return score;
  }
}
