import type { AlterTableCmd, AlterTableStmt, ColumnDef, Constraint, Node, RangeVar, TypeName } from 'libpg-query';
import { lazyRequire } from '../core/lazy-require.js';

const deparser = lazyRequire<typeof import('pgsql-deparser')>('pgsql-deparser');

/** `schema.name` or `name`, as a reader would write it back. */
export function relationName(relation: RangeVar | undefined): string {
  if (!relation) return '?';
  const name = quoteIdent(relation.relname ?? '?');
  return relation.schemaname ? `${quoteIdent(relation.schemaname)}.${name}` : name;
}

/** Plain strings out of a list of `String` nodes (qualified names, column lists). */
export function strings(nodes: readonly Node[] | undefined): string[] {
  const out: string[] = [];
  for (const node of nodes ?? []) if ('String' in node) out.push(node.String.sval ?? '');
  return out;
}

export interface TypeInfo {
  /** Last part of the name, lower-case: `int4`, `varchar`, `timestamptz`, `serial`, `mood`. */
  readonly name: string;
  /** Integer type modifiers: `varchar(20)` → [20], `numeric(10,2)` → [10, 2]. */
  readonly mods: readonly number[];
  readonly array: boolean;
  /** Source-like rendering for messages. */
  readonly display: string;
}

export function typeInfo(typeName: TypeName | undefined): TypeInfo {
  const parts = strings(typeName?.names);
  const name = (parts[parts.length - 1] ?? '').toLowerCase();
  const mods: number[] = [];
  for (const mod of typeName?.typmods ?? []) {
    if ('A_Const' in mod) mods.push(mod.A_Const.ival?.ival ?? 0);
  }
  const array = (typeName?.arrayBounds?.length ?? 0) > 0;
  const display = `${DISPLAY_NAMES[name] ?? name}${mods.length > 0 ? `(${mods.join(',')})` : ''}${array ? '[]' : ''}`;
  return { name, mods, array, display };
}

// The parser's internal names, shown as people write them.
const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  bpchar: 'char',
};

export function columnConstraints(column: ColumnDef): Constraint[] {
  const out: Constraint[] = [];
  for (const node of column.constraints ?? []) if ('Constraint' in node) out.push(node.Constraint);
  return out;
}

export function hasConstraint(column: ColumnDef, type: Constraint['contype']): boolean {
  return columnConstraints(column).some((constraint) => constraint.contype === type);
}

export const SERIAL_TYPES: ReadonlySet<string> = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);

/** The ALTER TABLE commands of a statement, with the statement, when it is one. */
export function alterTableCommands(node: Node): { stmt: AlterTableStmt; cmds: AlterTableCmd[] } | undefined {
  if (!('AlterTableStmt' in node)) return undefined;
  const stmt = node.AlterTableStmt;
  const cmds: AlterTableCmd[] = [];
  for (const cmd of stmt.cmds ?? []) if ('AlterTableCmd' in cmd) cmds.push(cmd.AlterTableCmd);
  return { stmt, cmds };
}

/** ALTER TABLE statements only (not ALTER INDEX / VIEW / SEQUENCE, which share the node). */
export function alterTable(node: Node): { stmt: AlterTableStmt; cmds: AlterTableCmd[] } | undefined {
  const found = alterTableCommands(node);
  return found && found.stmt.objtype === 'OBJECT_TABLE' ? found : undefined;
}

export function columnDefOf(cmd: AlterTableCmd): ColumnDef | undefined {
  return cmd.def && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
}

export function constraintOf(cmd: AlterTableCmd): Constraint | undefined {
  return cmd.def && 'Constraint' in cmd.def ? cmd.def.Constraint : undefined;
}

/** Every node under `root`, depth first, in source order of the JSON tree. */
export function walk(root: unknown, visit: (key: string, value: Record<string, unknown>) => void): void {
  if (Array.isArray(root)) {
    for (const item of root) walk(item, visit);
    return;
  }
  if (root === null || typeof root !== 'object') return;
  for (const [key, value] of Object.entries(root)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) visit(key, value as Record<string, unknown>);
    walk(value, visit);
  }
}

/** SQL for a node, on one line; rules use it to print a corrected statement. */
export function toSql(node: Node): string {
  return deparser().deparseSync(node, { pretty: false });
}

/** A deep copy to edit before printing a suggestion; the parsed tree stays untouched. */
export function cloneNode<T>(node: T): T {
  return structuredClone(node);
}

/** Quotes an identifier only when PostgreSQL would need it. */
export function quoteIdent(name: string): string {
  const plain = /^[a-z_][a-z0-9_$]*$/u.test(name) && !RESERVED.has(name);
  return plain ? name : `"${name.replace(/"/gu, '""')}"`;
}

// Reserved words common as column names; quoting any other identifier is never needed.
const RESERVED: ReadonlySet<string> = new Set(
  ('all and any array as asc check collate column constraint create default desc distinct do else end except false ' +
    'fetch for foreign from grant group having in into limit not null offset on only or order primary references ' +
    'select table then to true union unique user using when where window with').split(' '),
);
