// The label selector parser (upstream's labels.Parse, as in Kubernetes 1.32): a recursive descent over the tokens of
// `a=b,c!=d,e in (x,y),f notin (z),g,!h,n>1`, with upstream's error messages. Requirements come out sorted by key.
//
//   <selector>    ::= <requirement> | <requirement> "," <selector>
//   <requirement> ::= [!] KEY [ <set-based-restriction> | <exact-match-restriction> ]
//   <set-based>   ::= ( "in" | "notin" ) "(" VALUE { "," VALUE } ")"
//   <exact-match> ::= ( "=" | "==" | "!=" | ">" | "<" ) VALUE

import { LabelRequirement, labelKeyError } from './label-requirement.ts';
import type { LabelOperator } from './label-requirement.ts';
import { scanSelector } from './label-lexer.ts';
import type { ScannedItem, Token } from './label-lexer.ts';
import { SelectorError } from './selector-error.ts';

/** Where the parser is: `in` and `notin` are keywords only where an operator may stand, identifiers elsewhere. */
type Context = 'KeyAndOperator' | 'Values';

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';
const OPERATORS = new Map<Token, LabelOperator>([
  ['In', 'in'],
  ['Equals', '='],
  ['DoubleEquals', '=='],
  ['GreaterThan', 'gt'],
  ['LessThan', 'lt'],
  ['NotIn', 'notin'],
  ['NotEquals', '!='],
]);
/** The string parser has no field path; Go prints the nil path of its errors as "<nil>". */
const NIL_PATH = '<nil>';
const END: ScannedItem = { token: 'EndOfString', literal: '' };

const fail = (message: string): never => {
  throw new SelectorError(message);
};

class Parser {
  private position = 0;

  constructor(private readonly items: ScannedItem[]) {}

  private lookahead(context: Context): ScannedItem {
    return this.inContext(this.items[this.position] ?? END, context);
  }

  private consume(context: Context): ScannedItem {
    return this.inContext(this.items[this.position++] ?? END, context);
  }

  private inContext(item: ScannedItem, context: Context): ScannedItem {
    if (context === 'Values' && (item.token === 'In' || item.token === 'NotIn')) {
      return { token: 'Identifier', literal: item.literal };
    }
    return item;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const { token, literal } = this.lookahead('Values');
      if (token === 'EndOfString') return requirements;
      if (token !== 'Identifier' && token !== 'DoesNotExist') {
        return fail(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
      requirements.push(this.parseRequirementInContext());
      const next = this.consume('Values');
      if (next.token === 'EndOfString') return requirements;
      if (next.token !== 'Comma') return fail(`found '${next.literal}', expected: ',' or 'end of string'`);
      const after = this.lookahead('Values');
      if (after.token !== 'Identifier' && after.token !== 'DoesNotExist') {
        return fail(`found '${after.literal}', expected: identifier after ','`);
      }
    }
  }

  private parseRequirementInContext(): LabelRequirement {
    try {
      return this.parseRequirement();
    } catch (error) {
      if (error instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${error.message}`);
      throw error;
    }
  }

  private parseRequirement(): LabelRequirement {
    const { key, operator: unary } = this.parseKeyAndInferOperator();
    if (unary) return LabelRequirement.create(key, unary, []);
    const operator = this.parseOperator();
    const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    return LabelRequirement.create(key, operator, [...values].sort());
  }

  /** The key, and `exists` or `!` when no operator follows it. */
  private parseKeyAndInferOperator(): { key: string; operator?: 'exists' | '!' } {
    let operator: 'exists' | '!' | undefined;
    let item = this.consume('Values');
    if (item.token === 'DoesNotExist') {
      operator = '!';
      item = this.consume('Values');
    }
    if (item.token !== 'Identifier') return fail(`found '${item.literal}', expected: identifier`);
    const keyError = labelKeyError(item.literal, NIL_PATH);
    if (keyError) return fail(keyError);
    const next = this.lookahead('Values').token;
    if ((next === 'EndOfString' || next === 'Comma') && operator !== '!') operator = 'exists';
    return { key: item.literal, operator };
  }

  private parseOperator(): LabelOperator {
    const { token, literal } = this.consume('KeyAndOperator');
    return OPERATORS.get(token) ?? fail(`found '${literal}', expected: ${BINARY_OPERATORS}`);
  }

  /** `(x,y,z)`: empty entries count as the empty value, and `()` means just the empty value. */
  private parseValues(): Set<string> {
    const open = this.consume('Values');
    if (open.token !== 'OpenPar') return fail(`found '${open.literal}' expected: '('`);
    const { token, literal } = this.lookahead('Values');
    if (token === 'Identifier' || token === 'Comma') {
      const values = this.parseIdentifiersList();
      this.consume('Values'); // the ')' the list stopped before
      return values;
    }
    if (token === 'ClosedPar') {
      this.consume('Values');
      return new Set(['']);
    }
    return fail(`found '${literal}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const { token, literal } = this.consume('Values');
      if (token === 'Identifier') {
        values.add(literal);
        const next = this.lookahead('Values');
        if (next.token === 'ClosedPar') return values;
        if (next.token !== 'Comma') return fail(`found '${next.literal}', expected: ',' or ')'`);
      } else if (token === 'Comma') {
        if (values.size === 0) values.add(''); // "(,"
        const next = this.lookahead('Values').token;
        if (next === 'ClosedPar') {
          values.add(''); // ",)"
          return values;
        }
        if (next === 'Comma') {
          // ",,": 1.32 steps over the second comma here, so "(a,,)" is an error in 1.32.
          this.consume('Values');
          values.add('');
        }
      } else {
        return fail(`found '${literal}', expected: ',', or identifier`);
      }
    }
  }

  /** The one value after `=`, `==`, `!=`, `>` or `<`; nothing there means the empty value. */
  private parseExactValue(): Set<string> {
    const next = this.lookahead('Values').token;
    if (next === 'EndOfString' || next === 'Comma') return new Set(['']);
    const { token, literal } = this.consume('Values');
    if (token === 'Identifier') return new Set([literal]);
    return fail(`found '${literal}', expected: identifier`);
  }
}

/** Parses a label selector string into requirements sorted by key; throws SelectorError as upstream words it. */
export function parseLabelRequirements(selector: string): LabelRequirement[] {
  return new Parser(scanSelector(selector)).parse().sort((a, b) => compareKeys(a.key, b.key));
}

/** Go's string order (bytes), which for the ASCII of label keys is plain code-unit order. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
