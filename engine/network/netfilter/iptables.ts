// The iptables state of one network namespace: its four tables, changed by whole restores (iptables-restore) or
// single commands (iptables -t nat -A ...), printed by iptables-save. Changes swap in whole tables, so a packet is
// evaluated against either the old or the new rules, never half of a restore.

import { splitArguments } from './arguments.ts';
import { parseCommand } from './command.ts';
import { restoreTables } from './restore.ts';
import type { RestoreOptions, RestoreResult } from './restore.ts';
import { saveTables } from './save.ts';
import type { SaveOptions } from './save.ts';
import { TABLE_NAMES, createTable } from './table.ts';
import type { Table, TableName } from './table.ts';
import { TableDraft } from './table-draft.ts';

export type CommandResult = { ok: true } | { ok: false; error: string };

export class Iptables {
  private tables = new Map<TableName, Table>(TABLE_NAMES.map((name) => [name, createTable(name)]));

  table(name: TableName): Table {
    return this.tables.get(name)!;
  }

  /** iptables-restore [--noflush] [--counters] with `text` on stdin. */
  restore(text: string, options: RestoreOptions = {}): Exclude<RestoreResult, { ok: true }> | { ok: true } {
    const result = restoreTables(this.tables, text, options);
    if (!result.ok) return result;
    this.tables = result.tables;
    return { ok: true };
  }

  /** iptables-save [-t table] [-c]. */
  save(options: SaveOptions & { table?: TableName } = {}): string {
    const tables = TABLE_NAMES.filter((name) => (options.table ? name === options.table : true))
      .map((name) => this.tables.get(name)!)
      .filter((table) => table.loaded || options.table !== undefined);
    return saveTables(tables, options);
  }

  /** One iptables command: the arguments after `iptables` (`-t nat -A POSTROUTING ...`), or its text. */
  exec(command: string | readonly string[]): CommandResult {
    const args = typeof command === 'string' ? splitArguments(command) : command;
    if (!args) return { ok: false, error: 'iptables: unterminated quoted argument' };
    const parsed = parseCommand(args);
    if (typeof parsed === 'string') return { ok: false, error: `iptables v1.8.10 (nf_tables): ${parsed}` };
    const name = (parsed.table ?? 'filter') as TableName;
    const table = this.tables.get(name);
    if (!table) return { ok: false, error: `iptables v1.8.10 (nf_tables): table '${name}' does not exist` };
    const draft = new TableDraft(table);
    const error = draft.apply(parsed);
    if (error) return { ok: false, error: `iptables: ${error}` };
    if (parsed.command !== 'C') this.tables.set(name, draft.commit());
    return { ok: true };
  }
}
