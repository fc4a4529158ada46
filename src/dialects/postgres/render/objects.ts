/** Views, routines, triggers, policies, comments and grants. */
import type { ChangeOf, ObjectRef } from '../../../core/change.js';
import { hazard } from '../../../core/hazard.js';
import type { Grant, Policy, Routine, View } from '../../../core/model.js';
import { qualify, sortedValues } from '../../../core/model.js';
import type { StepDraft } from '../../../plan/dialect.js';
import { quoteIdent, quoteQualified } from '../quote.js';
import { commentSql, createPolicySql, createTriggerSql, grantSql, revokeSql, routineSignature } from './sql-parts.js';

function viewKind(view: View): string {
  return view.materialized ? 'MATERIALIZED VIEW' : 'VIEW';
}

function viewKey(view: View): string {
  return qualify(view.schema, view.name);
}

export function createViewSql(view: View, orReplace = false): string {
  const options = view.options?.length ? ` WITH (${view.options.join(', ')})` : '';
  const query = view.definition.replace(/;\s*$/, '');
  return `CREATE ${orReplace ? 'OR REPLACE ' : ''}${viewKind(view)} ${quoteQualified(viewKey(view))}${options} AS\n${query}`;
}

/** A view as it was: query, indexes of a materialized view, comment and grants. */
export function restoreViewSql(view: View): string[] {
  const key = viewKey(view);
  const type = view.materialized ? 'materialized_view' : 'view';
  return [
    createViewSql(view),
    ...sortedValues(view.indexes).map((i) => i.definition),
    ...sortedValues(view.triggers ?? {}).map((t) => t.definition),
    ...(view.comment !== undefined ? [commentSql({ type, key }, view.comment)] : []),
    ...Object.keys(view.columnComments ?? {})
      .sort()
      .map((column) => commentSql({ type: 'column', key, member: column }, view.columnComments?.[column])),
    ...(view.grants ?? []).map((g) => grantSql({ type, key }, g)),
  ];
}

export function dropViewSql(view: View): string {
  return `DROP ${viewKind(view)} ${quoteQualified(viewKey(view))}`;
}

export function createView(c: ChangeOf<'create_view'>): StepDraft {
  return {
    sql: [createViewSql(c.to)],
    reverse: { kind: 'sql', sql: [dropViewSql(c.to)] },
    hazards: c.to.materialized ? [hazard('FULL_TABLE_SCAN', `materialized view ${viewKey(c.to)} runs its query to fill itself`)] : [],
  };
}

export function dropView(c: ChangeOf<'drop_view'>): StepDraft {
  return {
    sql: [dropViewSql(c.from)],
    reverse: { kind: 'sql', sql: restoreViewSql(c.from) },
    hazards: [hazard('BREAKING_CHANGE', `queries using ${viewKey(c.from)} fail until it exists again`)],
  };
}

/**
 * CREATE OR REPLACE keeps grants and dependents, but only appends columns and never changes the type
 * of one it keeps; anything else is drop + create.
 */
export function canReplaceView(from: View, to: View): boolean {
  return (
    !from.materialized &&
    !to.materialized &&
    from.columns.every((c, i) => to.columns[i] === c && from.columnTypes?.[i] === to.columnTypes?.[i]) &&
    JSON.stringify(from.options ?? []) === JSON.stringify(to.options ?? [])
  );
}

export function replaceView(c: ChangeOf<'replace_view'>): StepDraft {
  const sameColumns = c.from.columns.length === c.to.columns.length;
  return {
    sql: [createViewSql(c.to, true)],
    reverse: { kind: 'sql', sql: sameColumns ? [createViewSql(c.from, true)] : [dropViewSql(c.to), ...restoreViewSql(c.from)] },
    hazards: [],
  };
}

function routineKey(r: Routine): string {
  return `${r.schema}.${r.name}(${Array.isArray(r.args) ? r.args.join(', ') : r.args})`;
}

/** SQL-language bodies are checked when created; objects they name may only exist later in the migration. */
export function createRoutineSql(r: Routine): string[] {
  const definition = r.definition.trim().replace(/;\s*$/, '');
  return r.language === 'sql' ? ['SET check_function_bodies = false', definition] : [definition];
}

const DEFAULT_EXECUTE: Grant = { grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false };

export function restoreRoutineSql(r: Routine): string[] {
  const key = routineKey(r);
  const target: ObjectRef = { type: r.kind, key };
  const grants = r.grants ?? [];
  const hasDefault = grants.some((g) => g.grantee === 'PUBLIC' && g.privilege === 'EXECUTE');
  return [
    ...createRoutineSql(r),
    ...(r.comment !== undefined ? [commentSql(target, r.comment)] : []),
    ...(hasDefault ? [] : [revokeSql(target, DEFAULT_EXECUTE)]),
    ...grants.filter((g) => g.grantee !== 'PUBLIC' || g.privilege !== 'EXECUTE').map((g) => grantSql(target, g)),
  ];
}

export function dropRoutineSql(r: Routine): string {
  return `DROP ${r.kind.toUpperCase()} ${routineSignature(routineKey(r))}`;
}

export function createRoutine(c: ChangeOf<'create_routine'>): StepDraft {
  return { sql: createRoutineSql(c.to), reverse: { kind: 'sql', sql: [dropRoutineSql(c.to)] } };
}

export function dropRoutine(c: ChangeOf<'drop_routine'>): StepDraft {
  return {
    sql: [dropRoutineSql(c.from)],
    reverse: { kind: 'sql', sql: restoreRoutineSql(c.from) },
    hazards: [hazard('BREAKING_CHANGE', `calls to ${routineKey(c.from)} fail`)],
  };
}

export function replaceRoutine(c: ChangeOf<'replace_routine'>): StepDraft {
  return { sql: createRoutineSql(c.to), reverse: { kind: 'sql', sql: createRoutineSql(c.from) } };
}

/** CREATE OR REPLACE cannot change what a routine returns or whether it is a procedure. */
export function canReplaceRoutine(from: Routine, to: Routine): boolean {
  return from.kind === to.kind && from.returns === to.returns;
}

export function createTrigger(c: ChangeOf<'create_trigger'>): StepDraft {
  return { sql: createTriggerSql(c.table, c.to), reverse: { kind: 'sql', sql: [dropTriggerSql(c.table, c.to.name)] } };
}

function dropTriggerSql(table: string, name: string): string {
  return `DROP TRIGGER ${quoteIdent(name)} ON ${quoteQualified(table)}`;
}

export function dropTrigger(c: ChangeOf<'drop_trigger'>): StepDraft {
  const restore = createTriggerSql(c.table, c.from);
  if (c.from.comment !== undefined) restore.push(commentSql({ type: 'trigger', key: c.table, member: c.from.name }, c.from.comment));
  return { sql: [dropTriggerSql(c.table, c.from.name)], reverse: { kind: 'sql', sql: restore } };
}

function dropPolicySql(table: string, policy: Policy): string {
  return `DROP POLICY ${quoteIdent(policy.name)} ON ${quoteQualified(table)}`;
}

export function createPolicy(c: ChangeOf<'create_policy'>): StepDraft {
  return { sql: [createPolicySql(c.table, c.to)], reverse: { kind: 'sql', sql: [dropPolicySql(c.table, c.to)] } };
}

export function dropPolicy(c: ChangeOf<'drop_policy'>): StepDraft {
  return {
    sql: [dropPolicySql(c.table, c.from)],
    reverse: { kind: 'sql', sql: [createPolicySql(c.table, c.from)] },
    hazards: [hazard('BREAKING_CHANGE', `rows policy ${c.from.name} allowed on ${c.table} may become invisible`)],
  };
}

function alterPolicySql(table: string, a: Policy, b: Policy): string[] {
  // ALTER POLICY cannot remove a USING or WITH CHECK clause.
  if ((a.using !== undefined && b.using === undefined) || (a.withCheck !== undefined && b.withCheck === undefined)) {
    return [dropPolicySql(table, a), createPolicySql(table, b)];
  }
  const parts = [`ALTER POLICY ${quoteIdent(b.name)} ON ${quoteQualified(table)}`, `TO ${b.roles.map((r) => (r === 'PUBLIC' ? r : quoteIdent(r))).join(', ')}`];
  if (b.using !== undefined) parts.push(`USING (${b.using})`);
  if (b.withCheck !== undefined) parts.push(`WITH CHECK (${b.withCheck})`);
  return [parts.join(' ')];
}

export function alterPolicy(c: ChangeOf<'alter_policy'>): StepDraft {
  return { sql: alterPolicySql(c.table, c.from, c.to), reverse: { kind: 'sql', sql: alterPolicySql(c.table, c.to, c.from) } };
}

export function setComment(c: ChangeOf<'set_comment'>): StepDraft {
  return { sql: [commentSql(c.target, c.to)], reverse: { kind: 'sql', sql: [commentSql(c.target, c.from)] } };
}

export function grant(c: ChangeOf<'grant'>): StepDraft {
  return { sql: [grantSql(c.target, c.to)], reverse: { kind: 'sql', sql: [revokeSql(c.target, c.to)] } };
}

export function revoke(c: ChangeOf<'revoke'>): StepDraft {
  return {
    sql: [revokeSql(c.target, c.from)],
    reverse: { kind: 'sql', sql: [grantSql(c.target, c.from)] },
    hazards: [hazard('BREAKING_CHANGE', `${c.from.grantee} loses ${c.from.privilege} on ${c.target.key}${c.target.member ? `.${c.target.member}` : ''}`)],
  };
}
