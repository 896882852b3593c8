// Label selectors (k8s.io/apimachinery/pkg/labels.Selector): parsed from the `labelSelector` query string, built
// from a metav1.LabelSelector object (LabelSelectorAsSelector) or from a plain map (a Service's selector), and
// matched against an object's labels. Requirements are kept sorted by key, so toString() is canonical.

import { LabelRequirement } from './label-requirement.ts';
import type { LabelOperator, Labels } from './label-requirement.ts';
import { compareKeys, parseLabelRequirements } from './label-parser.ts';
import { goQuote } from '../../api/go-format.ts';
import { SelectorError } from './selector-error.ts';

/** metav1.LabelSelector as it appears in a spec (`spec.selector` of a Deployment, a PodDisruptionBudget…). */
export interface MetaLabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: MetaLabelSelectorRequirement[] | null;
}

export interface MetaLabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[] | null;
}

const META_OPERATORS = new Map<string, LabelOperator>([
  ['In', 'in'],
  ['NotIn', 'notin'],
  ['Exists', 'exists'],
  ['DoesNotExist', '!'],
]);

const byKey = (a: LabelRequirement, b: LabelRequirement): number => compareKeys(a.key, b.key);

export class LabelSelector {
  private constructor(
    /** The requirements, all of which must match, sorted by key. */
    readonly requirements: readonly LabelRequirement[],
    private readonly selectsNothing = false,
  ) {}

  /** Matches every label set. */
  static everything(): LabelSelector {
    return new LabelSelector([]);
  }

  /** Matches no label set (what an absent metav1.LabelSelector means). */
  static nothing(): LabelSelector {
    return new LabelSelector([], true);
  }

  /** labels.Parse: throws SelectorError with upstream's message (`unable to parse requirement: …`). */
  static parse(selector: string): LabelSelector {
    return new LabelSelector(parseLabelRequirements(selector));
  }

  /**
   * metav1.LabelSelectorAsSelector: null or undefined selects nothing, an empty selector everything. Throws
   * SelectorError for an unknown operator or an invalid key or value.
   */
  static fromLabelSelector(selector: MetaLabelSelector | null | undefined): LabelSelector {
    if (selector === null || selector === undefined) return LabelSelector.nothing();
    const requirements: LabelRequirement[] = [];
    for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
      requirements.push(LabelRequirement.create(key, '=', [value]));
    }
    for (const expr of selector.matchExpressions ?? []) {
      const operator = META_OPERATORS.get(expr.operator);
      if (!operator) throw new SelectorError(`${goQuote(expr.operator)} is not a valid label selector operator`);
      requirements.push(LabelRequirement.create(expr.key, operator, expr.values ?? []));
    }
    return new LabelSelector(requirements.sort(byKey));
  }

  /** labels.SelectorFromSet: every pair must match; an empty or absent map selects everything. No validation. */
  static fromSet(labels: Labels): LabelSelector {
    const requirements = Object.entries(labels ?? {}).map(([key, value]) => LabelRequirement.equals(key, value));
    return new LabelSelector(requirements.sort(byKey));
  }

  matches(labels: Labels): boolean {
    return !this.selectsNothing && this.requirements.every((r) => r.matches(labels));
  }

  /** Whether the selector restricts nothing (and so matches every label set). */
  isEmpty(): boolean {
    return !this.selectsNothing && this.requirements.length === 0;
  }

  matchesNothing(): boolean {
    return this.selectsNothing;
  }

  /** The canonical string form, e.g. `app=web,tier in (a,b)`; "" for an empty selector. */
  toString(): string {
    return this.requirements.join(',');
  }

  /**
   * The single value the selector requires for `label` (from `=`, `==` or a one-value `in`), if it does: what a
   * label index can look up. Only the first requirement on the label is considered, as upstream does.
   */
  requiresExactMatch(label: string): string | undefined {
    const requirement = this.requirements.find((r) => r.key === label);
    if (!requirement || requirement.values.length !== 1) return undefined;
    const exact = requirement.operator === '=' || requirement.operator === '==' || requirement.operator === 'in';
    return exact ? requirement.values[0] : undefined;
  }
}

/** labels.Parse, by its upstream name. */
export function parseLabelSelector(selector: string): LabelSelector {
  return LabelSelector.parse(selector);
}

/** metav1.LabelSelectorAsSelector, by its upstream name. */
export function labelSelectorAsSelector(selector: MetaLabelSelector | null | undefined): LabelSelector {
  return LabelSelector.fromLabelSelector(selector);
}
