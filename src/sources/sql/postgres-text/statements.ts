/** One handler per statement kind the text reader models; any other kind is left to the database. */
import { qualify } from '../../../core/model.js';
import { addColumn, replaceColumn, scopeOf, withOptional } from './columns.js';
import { addConstraint, constraintModel } from './constraints.js';
import { renderDefault } from './expressions.js';
import { needsDatabase } from './fallback.js';
import { createIndex } from './indexes.js';
import { createView } from './views.js';
import { alterSequence, createSequence } from './sequences.js';
import type { TableState, TextCatalog } from './state.js';

type Node = Record<string, any>;
type Handler = (catalog: TextCatalog, stmt: Node) => void;

/** Session settings that change nothing about the schema a script creates. */
const HARMLESS_SETTINGS = new Set([
  'statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout', 'client_encoding', 'check_function_bodies',
  'client_min_messages', 'xmloption', 'row_security', 'default_with_oids', 'transaction_timeout',
]);

export const HANDLERS: Record<string, Handler> = {
  TransactionStmt: () => undefined,
  VariableSetStmt: (_catalog, stmt) => {
    if (!HARMLESS_SETTINGS.has(String(stmt.name))) needsDatabase(`SET ${stmt.name}`);
  },
  CreateSchemaStmt: (catalog, stmt) => {
    if (stmt.schemaElts || stmt.authrole || !stmt.schemaname) needsDatabase('CREATE SCHEMA with elements or AUTHORIZATION');
    const name = String(stmt.schemaname);
    if (catalog.namespaces.has(name)) {
      if (stmt.if_not_exists) return;
      needsDatabase(`schema ${name} exists`);
    }
    catalog.namespaces.set(name, { name });
  },
  CreateEnumStmt: (catalog, stmt) => {
    const [schema, name] = qualifiedName(stmt.typeName);
    const key = qualify(catalog.schemaFor(schema), name);
    if (catalog.enums.has(key) || catalog.isRelationName(key.slice(0, key.indexOf('.')), name)) needsDatabase(`type ${key} exists`);
    const labels = ((stmt.vals ?? []) as Node[]).map((v) => String(v.String?.sval));
    if (new Set(labels).size !== labels.length) needsDatabase('an enum label listed twice');
    catalog.enums.set(key, { schema: key.slice(0, key.indexOf('.')), name, labels });
  },
  AlterEnumStmt: (catalog, stmt) => alterEnum(catalog, stmt),
  CreateStmt: (catalog, stmt) => createTable(catalog, stmt),
  IndexStmt: (catalog, stmt) => createIndex(catalog, stmt),
  AlterTableStmt: (catalog, stmt) => alterTable(catalog, stmt),
  CommentStmt: (catalog, stmt) => comment(catalog, stmt),
  ViewStmt: (catalog, stmt) => createView(catalog, stmt),
  CreateSeqStmt: (catalog, stmt) => createSequence(catalog, stmt),
  AlterSeqStmt: (catalog, stmt) => alterSequence(catalog, stmt),
  DropStmt: (catalog, stmt) => dropIfExists(catalog, stmt),
};

function qualifiedName(list: Node[]): [string | undefined, string] {
  return splitName(list.map((n) => String(n.String?.sval)));
}

function alterEnum(catalog: TextCatalog, stmt: Node): void {
  const [schema, name] = qualifiedName(stmt.typeName);
  const key = qualify(catalog.schemaFor(schema), name);
  const current = catalog.enums.get(key) ?? needsDatabase(`type ${key} is not known here`);
  const labels = [...current.labels];
  if (stmt.oldVal) {
    const at = labels.indexOf(String(stmt.oldVal));
    if (at < 0 || labels.includes(String(stmt.newVal))) needsDatabase('an enum label rename that PostgreSQL would refuse');
    labels[at] = String(stmt.newVal);
  } else {
    const value = String(stmt.newVal);
    if (labels.includes(value)) {
      if (stmt.skipIfNewValExists) return;
      needsDatabase(`label ${value} exists`);
    }
    const neighbor = stmt.newValNeighbor === undefined ? -1 : labels.indexOf(String(stmt.newValNeighbor));
    if (stmt.newValNeighbor !== undefined && neighbor < 0) needsDatabase('an unknown neighbour label');
    const at = neighbor < 0 ? labels.length : stmt.newValIsAfter ? neighbor + 1 : neighbor;
    labels.splice(at, 0, value);
  }
  catalog.enums.set(key, { ...current, labels });
}

function createTable(catalog: TextCatalog, stmt: Node): void {
  const relation = stmt.relation as Node;
  if (relation.relpersistence !== 'p' || stmt.inhRelations || stmt.partbound || stmt.partspec || stmt.ofTypename || stmt.options || stmt.tablespacename || stmt.accessMethod || (stmt.oncommit && stmt.oncommit !== 'ONCOMMIT_NOOP')) {
    needsDatabase('a table option');
  }
  const schema = catalog.schemaFor(relation.schemaname);
  const name = String(relation.relname);
  const key = qualify(schema, name);
  if (catalog.tables.has(key)) {
    if (stmt.if_not_exists) return;
    needsDatabase(`table ${key} exists`);
  }
  if (catalog.enums.has(key)) needsDatabase(`type ${key} exists`);
  catalog.claimRelation(schema, name);
  const table: TableState = { schema, name, columns: [], constraints: new Map(), indexes: new Map(), needs: new Set() };
  catalog.tables.set(key, table);
  const later: { constraint: Node; column?: string }[] = [];
  for (const element of (stmt.tableElts ?? []) as Node[]) {
    if (element.ColumnDef) {
      const def = element.ColumnDef as Node;
      for (const c of addColumn(catalog, table, def)) later.push({ constraint: c, column: String(def.colname) });
    } else if (element.Constraint) later.push({ constraint: element.Constraint });
    else needsDatabase('a table element other than a column or constraint');
  }
  // Keys first (their indexes exist before checks are named), then checks, then foreign keys.
  const order = (c: Node) => (c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE' ? 0 : c.contype === 'CONSTR_CHECK' ? 1 : 2);
  const attributes = ['CONSTR_ATTR_DEFERRABLE', 'CONSTR_ATTR_NOT_DEFERRABLE', 'CONSTR_ATTR_DEFERRED', 'CONSTR_ATTR_IMMEDIATE'];
  if (later.some((l) => attributes.includes(l.constraint.contype))) needsDatabase('a constraint attribute on a column');
  for (const item of [...later].sort((a, b) => order(a.constraint) - order(b.constraint))) addConstraint(catalog, table, item.constraint, item.column);
}

function alterTable(catalog: TextCatalog, stmt: Node): void {
  if (stmt.objtype !== 'OBJECT_TABLE') needsDatabase(`ALTER ${stmt.objtype}`);
  const relation = stmt.relation as Node;
  const key = qualify(catalog.schemaFor(relation.schemaname), String(relation.relname));
  const table = catalog.tables.get(key);
  if (!table) {
    if (stmt.missing_ok) return;
    needsDatabase(`table ${key} is not known here`);
  }
  for (const item of (stmt.cmds ?? []) as Node[]) alterTableCommand(catalog, table, item.AlterTableCmd as Node);
}

function alterTableCommand(catalog: TextCatalog, table: TableState, cmd: Node): void {
  switch (cmd.subtype) {
    case 'AT_AddConstraint':
      return addConstraint(catalog, table, cmd.def.Constraint);
    case 'AT_AddColumn': {
      const def = cmd.def.ColumnDef as Node;
      if (table.columns.some((c) => c.name === def.colname) && cmd.missing_ok) return;
      const rest = addColumn(catalog, table, def);
      for (const c of rest) addConstraint(catalog, table, c, String(def.colname));
      return;
    }
    case 'AT_ColumnDefault': {
      const column = findColumn(table, cmd.name);
      if (column.identity) needsDatabase('a default on an identity column');
      const value = cmd.def ? renderDefault(cmd.def, column.type, { ...scopeOf(catalog, table), columnType: () => undefined }) : undefined;
      return replaceColumn(table, column.name, withOptional(column, 'default', value));
    }
    case 'AT_SetNotNull':
      return replaceColumn(table, cmd.name, { ...findColumn(table, cmd.name), notNull: true });
    case 'AT_DropNotNull': {
      const column = findColumn(table, cmd.name);
      const inKey = [...table.constraints.values()].some((k) => k.kind === 'primary_key' && k.columns.includes(column.name));
      if (inKey || column.identity) needsDatabase('DROP NOT NULL on a key or identity column');
      return replaceColumn(table, column.name, { ...column, notNull: false });
    }
    case 'AT_ValidateConstraint': {
      const c = table.constraints.get(String(cmd.name)) ?? needsDatabase(`constraint ${cmd.name} is not known here`);
      table.constraints.set(c.name, constraintModel({ ...c, validated: true }));
      return;
    }
    default:
      return needsDatabase(`ALTER TABLE ${cmd.subtype}`);
  }
}

function findColumn(table: TableState, name: unknown) {
  return table.columns.find((c) => c.name === String(name)) ?? needsDatabase(`column ${String(name)} is not known here`);
}

function comment(catalog: TextCatalog, stmt: Node): void {
  // An empty comment removes it, as NULL does.
  const text = stmt.comment === undefined || stmt.comment === null || stmt.comment === '' ? undefined : String(stmt.comment);
  const object = stmt.object as Node;
  const parts = (): string[] => ((object.List?.items ?? []) as Node[]).map((n) => String(n.String?.sval));
  switch (stmt.objtype) {
    case 'OBJECT_TABLE': {
      const [schema, name] = splitName(parts());
      catalog.table(schema, name).comment = text;
      return;
    }
    case 'OBJECT_COLUMN': {
      const all = parts();
      const [schema, name] = splitName(all.slice(0, -1));
      const table = catalog.table(schema, name);
      return replaceColumn(table, String(all.at(-1)), withOptional(findColumn(table, all.at(-1)), 'comment', text));
    }
    case 'OBJECT_TABCONSTRAINT': {
      const all = parts();
      const [schema, name] = splitName(all.slice(0, -1));
      const table = catalog.table(schema, name);
      const c = table.constraints.get(String(all.at(-1))) ?? needsDatabase('an unknown constraint');
      const { comment: _old, ...rest } = c;
      table.constraints.set(c.name, constraintModel(text === undefined ? rest : { ...rest, comment: text }));
      return;
    }
    case 'OBJECT_INDEX': {
      const [schema, name] = splitName(parts());
      const owner = [...catalog.tables.values()].find((t) => t.schema === catalog.schemaFor(schema) && t.indexes.has(name));
      if (!owner) needsDatabase(`index ${name} is not known here`);
      const index = owner.indexes.get(name) as Record<string, any>;
      const { comment: _old, ...rest } = index;
      owner.indexes.set(name, (text === undefined ? rest : { ...rest, comment: text }) as any);
      return;
    }
    case 'OBJECT_TYPE': {
      const [schema, name] = qualifiedName(object.TypeName?.names ?? []);
      const key = qualify(catalog.schemaFor(schema), name);
      const current = catalog.enums.get(key) ?? needsDatabase(`type ${key} is not known here`);
      const { comment: _old, ...rest } = current;
      catalog.enums.set(key, text === undefined ? rest : { ...rest, comment: text });
      return;
    }
    case 'OBJECT_SCHEMA': {
      const name = String(object.String?.sval);
      const current = catalog.namespaces.get(name) ?? needsDatabase(`schema ${name} is not known here`);
      const { comment: _old, ...rest } = current;
      catalog.namespaces.set(name, text === undefined ? rest : { name: rest.name, comment: text, ...(rest.grants ? { grants: rest.grants } : {}) });
      return;
    }
    default:
      return needsDatabase(`COMMENT ON ${stmt.objtype}`);
  }
}

/** `[schema?, name]` from a name list of 1–2 parts. */
function splitName(parts: string[]): [string | undefined, string] {
  if (parts.length === 1) return [undefined, parts[0] as string];
  if (parts.length === 2) return [parts[0], parts[1] as string];
  return needsDatabase('a name with a database part');
}

/** `DROP … IF EXISTS` of objects the text has not created (a script's usual preamble) changes nothing. */
function dropIfExists(catalog: TextCatalog, stmt: Node): void {
  if (!stmt.missing_ok) needsDatabase('DROP');
  for (const object of (stmt.objects ?? []) as Node[]) {
    const parts = object.List ? ((object.List.items ?? []) as Node[]).map((n) => String(n.String?.sval)) : object.TypeName ? ((object.TypeName.names ?? []) as Node[]).map((n) => String(n.String?.sval)) : object.String ? [String(object.String.sval)] : needsDatabase('a DROP target');
    if (stmt.removeType === 'OBJECT_SCHEMA') {
      if (catalog.namespaces.has(parts[0] as string)) needsDatabase('DROP of an existing schema');
      continue;
    }
    if (!['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_INDEX', 'OBJECT_SEQUENCE', 'OBJECT_TYPE'].includes(String(stmt.removeType))) needsDatabase(`DROP ${stmt.removeType}`);
    const [schema, name] = qualifiedName(parts.map((sval) => ({ String: { sval } })));
    const schemaName = schema ?? 'public';
    if (!catalog.namespaces.has(schemaName)) continue;
    if (catalog.isRelationName(schemaName, name) || catalog.enums.has(qualify(schemaName, name))) needsDatabase('DROP of an existing object');
  }
}
