// A shell syntax error: what was unexpected, on which line, and whether more input could complete the program (an
// open quote, an unfinished `if`, a trailing `&&`) — which makes an interactive shell prompt for another line.

export type SyntaxProblem =
  /**
   * `token` as ash and dash name it ("fi" quoted for keywords and operators, `word`, `newline`), `text` as bash quotes
   * it; `expecting` is the keyword or operator the grammar needed there, quoted.
   */
  | { kind: 'unexpected'; token: string; text: string; expecting?: string }
  | { kind: 'end-of-file'; expecting?: string }
  | { kind: 'unterminated-quote' };

export class ShellSyntaxError extends Error {
  constructor(
    readonly problem: SyntaxProblem,
    readonly line: number,
  ) {
    super(problem.kind === 'unexpected' ? `unexpected ${problem.token}` : problem.kind);
  }

  /** Whether more input could make the program complete. */
  get incomplete(): boolean {
    return this.problem.kind !== 'unexpected';
  }
}
