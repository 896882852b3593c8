// iptables-restore: reads the text iptables-save prints (and kube-proxy writes) — `*table`, `:CHAIN POLICY [p:b]`,
// commands, `COMMIT` — into new tables. With --noflush a table block changes only the chains it declares (a declared
// user chain is created or flushed) and `-X` deletes chains; without it each block starts from an empty table.
// All or nothing: on an error the result names the line and no table changes.

import type { Command } from './command.ts';
import { RestoreText } from './parsed-lines.ts';
import type { ChainLine } from './parsed-lines.ts';
import { TABLE_NAMES } from './table.ts';
import type { Table, TableName } from './table.ts';
import { TableDraft } from './table-draft.ts';

export interface RestoreOptions {
  /** --noflush: keep what the text does not mention. */
  noflush?: boolean;
  /** --counters: take the `[packets:bytes]` of chains and rules from the text. */
  counters?: boolean;
}

export type RestoreResult =
  | { ok: true; tables: Map<TableName, Table> }
  /** `error` is the line iptables-restore prints (`iptables-restore: line 3 failed`), `detail` the reason. */
  | { ok: false; line: number; error: string; detail: string };

const COUNTERS = /^\[(\d+):(\d+)\]$/;
/** A rule line's `[packets:bytes] ` prefix. */
const COUNTERS_PREFIX = /^\[(\d+):(\d+)\](?=[ \t]|$)/;

export function restoreTables(
  current: ReadonlyMap<TableName, Table>,
  text: string,
  options: RestoreOptions = {},
): RestoreResult {
  const tables = new Map(current);
  let draft: TableDraft | undefined;
  const restoreText = new RestoreText(text);
  const count = restoreText.lineCount;
  const fail = (line: number, detail: string): RestoreResult => ({
    ok: false,
    line,
    error: `iptables-restore: line ${line} failed`,
    detail,
  });

  for (let index = 0; index < count; index++) {
    const number = index + 1;
    const raw = restoreText.line(index);
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      if (draft) return fail(number, `COMMIT expected before ${line}`);
      const name = line.slice(1) as TableName;
      const table = TABLE_NAMES.includes(name) ? tables.get(name) : undefined;
      if (!table) return fail(number, `can't initialize iptables table \`${name}': Table does not exist`);
      draft = new TableDraft(table);
      if (!options.noflush) draft.reset();
      continue;
    }
    if (!draft) return fail(number, 'no table specified');
    if (line === 'COMMIT') {
      tables.set(draft.table.name, draft.commit());
      draft = undefined;
      continue;
    }
    if (line.startsWith(':')) {
      const declared = restoreText.parse(index, raw, line);
      if (typeof declared === 'string') return fail(number, declared);
      const { name, policy, counters } = declared as ChainLine;
      const error = draft.declare(name, policy);
      if (error) return fail(number, error);
      const parsed = counters === undefined ? null : COUNTERS.exec(counters);
      if (options.counters && parsed && draft.chains.get(name)?.builtin) {
        const chain = draft.chains.get(name)!;
        chain.policyCounters.packets = Number(parsed[1]);
        chain.policyCounters.bytes = Number(parsed[2]);
      }
      continue;
    }
    const error = applyLine(draft, restoreText, index, raw, line, options);
    if (error) return fail(number, error);
  }
  if (draft) return fail(count, `COMMIT expected at line ${count + 1}`);
  restoreText.keep();
  return { ok: true, tables };
}

function applyLine(
  draft: TableDraft,
  text: RestoreText,
  index: number,
  raw: string,
  line: string,
  options: RestoreOptions,
): string | undefined {
  // iptables-save -c puts the rule's counters first.
  const counters = line.startsWith('[') ? COUNTERS_PREFIX.exec(line) : null;
  const parsed = text.parse(index, raw, counters ? line.slice(counters[0].length).trimStart() : line);
  if (typeof parsed === 'string') return parsed;
  const command = parsed as Command;
  if (command.table !== undefined) return 'The -t option (seen in line) cannot be used in iptables-restore';
  if (counters && options.counters && command.rule) {
    const rule = { ...command.rule, counters: { packets: Number(counters[1]), bytes: Number(counters[2]) } };
    return draft.apply({ ...command, rule });
  }
  return draft.apply(command);
}
