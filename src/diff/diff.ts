/**
 * Schema × Schema → Change[]. Renames come only from hints; a drop and an add that look like a
 * rename are reported as possible renames with their evidence, never applied.
 */
import type { Change, PossibleRename, RenameHint } from '../core/change.js';
import { UserError } from '../core/errors.js';
import type { Column, Schema, Table } from '../core/model.js';
import { qualify } from '../core/model.js';
import { diffCollations, diffExtensions, diffNamespaces, diffRoutines, diffSequences, diffViews } from './objects.js';
import { findPossibleRenames } from './possible-renames.js';
import { diffTable } from './tables.js';
import { diffTypes } from './types.js';
import { pairRecords } from './walk.js';

export interface DiffOptions {
  readonly renames?: readonly RenameHint[];
  /** Schema assumed for unqualified names in hints. */
  readonly defaultSchema?: string;
}

export interface DiffResult {
  readonly changes: readonly Change[];
  readonly possibleRenames: readonly PossibleRename[];
}

export function diffSchemas(from: Schema, to: Schema, options: DiffOptions = {}): DiffResult {
  const hints = resolveHints(from, to, options.renames ?? [], options.defaultSchema ?? defaultSchemaOf(from));
  const renamedFrom = { ...from, tables: renameTables(from.tables, hints.tables) };
  const changes: Change[] = [
    ...diffNamespaces(from, to),
    ...diffExtensions(from, to),
    ...diffCollations(from, to),
    ...diffTypes(from, to),
    ...diffSequences(from, to),
    ...diffTables(renamedFrom, to, hints),
    ...diffViews(from, to),
    ...diffRoutines(from, to),
  ];
  return { changes, possibleRenames: findPossibleRenames(changes) };
}

function diffTables(from: Schema, to: Schema, hints: ResolvedHints): Change[] {
  const changes: Change[] = [];
  const { added, removed, both } = pairRecords(from.tables, to.tables);
  for (const [, table] of removed) changes.push({ kind: 'drop_table', from: table });
  for (const [key, a, b] of both) {
    const original = hints.tables.get(key);
    if (original) changes.push({ kind: 'rename_table', from: original, to: { ...a, name: b.name, schema: b.schema } });
    changes.push(...diffTable(key, a, b, hints.columns.get(key)));
  }
  for (const [key, table] of added) changes.push({ kind: 'create_table', to: table }, ...newTableExtras(key, table));
  return changes;
}

/** Indexes, triggers, policies, comments and grants of a new table, as their own changes. */
function newTableExtras(key: string, table: Table): Change[] {
  const bare: Table = {
    ...table,
    columns: table.columns.map(({ comment: _c, grants: _g, ...column }) => column as Column),
    indexes: {},
    triggers: {},
    policies: {},
    rowSecurity: undefined,
    forceRowSecurity: undefined,
    comment: undefined,
    grants: undefined,
  };
  return diffTable(key, bare, table);
}

interface ResolvedHints {
  /** New table key → the table as it was before the rename. */
  readonly tables: ReadonlyMap<string, Table>;
  /** Table key (after renames) → (old column → new column). */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** Hints name tables as `t`, `schema.t`, and columns as `t.c` or `schema.t.c`. */
function resolveHints(from: Schema, to: Schema, hints: readonly RenameHint[], defaultSchema: string): ResolvedHints {
  const tables = new Map<string, Table>();
  const columns = new Map<string, Map<string, string>>();
  const tableRenames = new Map<string, string>();
  const columnHints: [string, string, string][] = [];
  for (const hint of hints) {
    const fromTable = findTable(from, hint.from, defaultSchema);
    const toTable = findTable(to, hint.to, defaultSchema);
    if (fromTable && toTable) {
      tableRenames.set(fromTable, toTable);
      continue;
    }
    const fromColumn = findColumn(from, hint.from, defaultSchema);
    const toColumn = findColumn(to, hint.to, defaultSchema);
    if (!fromColumn || !toColumn) {
      throw new UserError('BAD_INPUT', `rename hint "${hint.from} -> ${hint.to}" names no table or column of both schemas`, {
        hint: 'name a table (users, public.users) or a column (users.email, public.users.email) that exists before and after',
      });
    }
    columnHints.push([toColumn.table, fromColumn.column, toColumn.column]);
  }
  for (const [oldKey, newKey] of tableRenames) {
    const table = from.tables[oldKey] as Table;
    tables.set(newKey, table);
  }
  for (const [table, oldName, newName] of columnHints) {
    let map = columns.get(table);
    if (!map) columns.set(table, (map = new Map()));
    map.set(oldName, newName);
  }
  return { tables, columns };
}

function renameTables(tables: Readonly<Record<string, Table>>, renames: ReadonlyMap<string, Table>): Record<string, Table> {
  const renamedAway = new Set([...renames.values()].map((t) => qualify(t.schema, t.name)));
  const out: Record<string, Table> = {};
  for (const [key, table] of Object.entries(tables)) if (!renamedAway.has(key)) out[key] = table;
  for (const [newKey, table] of renames) out[newKey] = table;
  return out;
}

function findTable(schema: Schema, name: string, defaultSchema: string): string | undefined {
  const candidates = name.includes('.') ? [name, qualify(defaultSchema, name)] : [qualify(defaultSchema, name)];
  return candidates.find((key) => schema.tables[key] !== undefined);
}

function findColumn(schema: Schema, name: string, defaultSchema: string): { table: string; column: string } | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  const table = findTable(schema, name.slice(0, dot), defaultSchema);
  const column = name.slice(dot + 1);
  if (!table || !schema.tables[table]?.columns.some((c) => c.name === column)) return undefined;
  return { table, column };
}

function defaultSchemaOf(schema: Schema): string {
  return schema.dialect === 'postgres' ? 'public' : Object.keys(schema.namespaces)[0] ?? '';
}
