/**
 * The down of an up migration, statement by statement, when the schema before it is not known:
 * each statement's inverse is built as a parse tree and printed by the PostgreSQL deparser, so
 * names come out quoted exactly as needed. What cannot be inverted from the text alone is said,
 * with what the user must supply; nothing is guessed.
 */
import { lazyRequire } from '../core/lazy-require.js';

const deparser = lazyRequire<typeof import('pgsql-deparser')>('pgsql-deparser');
import { invertAlterTable } from './invert-alter-table.js';
import { defaultIndexName, dropNode, type Inversion, nameList, objectWithArgs, rangeVarName } from './nodes.js';

type Node = Record<string, any>;
type Inverter = (stmt: any) => Inversion;

const NEEDS_SCHEMA = 'give the schema before the migration (--from) so the down can restore it';

const INVERTERS: Record<string, Inverter> = {
  CreateStmt: (s) => ({ nodes: [dropNode('OBJECT_TABLE', [rangeVarName(s.relation)])] }),
  CreateSeqStmt: (s) => ({ nodes: [dropNode('OBJECT_SEQUENCE', [rangeVarName(s.sequence)])] }),
  CreateEnumStmt: (s) => ({ nodes: [dropNode('OBJECT_TYPE', [s.typeName], { typeNames: true })] }),
  CompositeTypeStmt: (s) => ({ nodes: [dropNode('OBJECT_TYPE', [rangeVarName(s.typevar)], { typeNames: true })] }),
  CreateDomainStmt: (s) => ({ nodes: [dropNode('OBJECT_DOMAIN', [s.domainname], { typeNames: true })] }),
  CreateExtensionStmt: (s) => ({ nodes: [dropNode('OBJECT_EXTENSION', [[{ String: { sval: s.extname } }]], { bareNames: true })] }),
  CreateSchemaStmt: (s) =>
    s.schemaElts?.length
      ? { irreversible: 'CREATE SCHEMA with elements: split it into CREATE SCHEMA and separate statements to invert it' }
      : { nodes: [dropNode('OBJECT_SCHEMA', [[{ String: { sval: s.schemaname } }]], { bareNames: true })] },
  ViewStmt: (s) =>
    s.replace
      ? { irreversible: `CREATE OR REPLACE VIEW: the view's previous definition is not in the migration; ${NEEDS_SCHEMA}` }
      : { nodes: [dropNode('OBJECT_VIEW', [rangeVarName(s.view)])] },
  CreateTableAsStmt: (s) => ({
    nodes: [dropNode(s.objtype === 'OBJECT_MATVIEW' ? 'OBJECT_MATVIEW' : 'OBJECT_TABLE', [rangeVarName(s.into.rel)])],
    lossy: s.objtype === 'OBJECT_MATVIEW' ? undefined : 'the rows the table was created with are dropped with it',
  }),
  CreateFunctionStmt: (s) =>
    s.replace
      ? { irreversible: `CREATE OR REPLACE ${s.is_procedure ? 'PROCEDURE' : 'FUNCTION'}: the previous body is not in the migration; ${NEEDS_SCHEMA}` }
      : { nodes: [{ DropStmt: { objects: [objectWithArgs(s)], removeType: s.is_procedure ? 'OBJECT_PROCEDURE' : 'OBJECT_FUNCTION', behavior: 'DROP_RESTRICT' } }] },
  CreateTrigStmt: (s) =>
    s.replace
      ? { irreversible: `CREATE OR REPLACE TRIGGER: the previous trigger is not in the migration; ${NEEDS_SCHEMA}` }
      : { nodes: [dropNode('OBJECT_TRIGGER', [[...rangeVarName(s.relation), { String: { sval: s.trigname } }]])] },
  CreatePolicyStmt: (s) => ({ nodes: [dropNode('OBJECT_POLICY', [[...rangeVarName(s.table), { String: { sval: s.policy_name } }]])] }),
  RuleStmt: (s) => ({ nodes: [dropNode('OBJECT_RULE', [[...rangeVarName(s.relation), { String: { sval: s.rulename } }]])] }),
  IndexStmt: invertCreateIndex,
  RenameStmt: invertRename,
  AlterEnumStmt: (s) =>
    s.oldVal
      ? { nodes: [{ AlterEnumStmt: { ...s, oldVal: s.newVal, newVal: s.oldVal } }] }
      : { irreversible: `PostgreSQL cannot remove an enum value: to undo ADD VALUE '${s.newVal}', recreate the type without it (${NEEDS_SCHEMA})` },
  GrantStmt: (s) => ({ nodes: [{ GrantStmt: { ...s, is_grant: !s.is_grant, grant_option: s.is_grant ? s.grant_option : false } }] }),
  GrantRoleStmt: (s) => ({ nodes: [{ GrantRoleStmt: { ...s, is_grant: !s.is_grant } }] }),
  AlterTableStmt: invertAlterTable,
  DropStmt: (s) => ({ irreversible: `DROP ${String(s.removeType).replace(/^OBJECT_/, '')}: its definition ${s.removeType === 'OBJECT_TABLE' ? 'and its rows are' : 'is'} gone; ${NEEDS_SCHEMA}${s.removeType === 'OBJECT_TABLE' ? ' (the rows cannot come back)' : ''}` }),
  TruncateStmt: () => ({ irreversible: 'TRUNCATE deletes rows; they cannot come back' }),
  DeleteStmt: () => ({ irreversible: 'DELETE removes rows; they cannot come back without a backup' }),
  UpdateStmt: () => ({ irreversible: 'UPDATE overwrites values; write the reverse data migration by hand' }),
  InsertStmt: () => ({ irreversible: 'INSERT adds rows; write the DELETE that removes exactly them by hand' }),
  DoStmt: () => ({ irreversible: 'a DO block runs arbitrary code; write its reverse by hand' }),
  CommentStmt: (s) => ({ irreversible: `COMMENT ON ${String(s.objtype).replace(/^OBJECT_/, '')}: the previous comment is not in the migration; ${NEEDS_SCHEMA}` }),
  AlterSeqStmt: () => ({ irreversible: `ALTER SEQUENCE: the previous options are not in the migration; ${NEEDS_SCHEMA}` }),
  AlterDomainStmt: () => ({ irreversible: `ALTER DOMAIN: the previous definition is not in the migration; ${NEEDS_SCHEMA}` }),
  AlterOwnerStmt: () => ({ irreversible: 'OWNER TO: the previous owner is not in the migration' }),
  RefreshMatViewStmt: () => ({ nodes: [] }),
  VacuumStmt: () => ({ nodes: [] }),
};

export interface InvertedStatement {
  /** The up statement as written. */
  readonly up: string;
  readonly line: number;
  /** Statements that undo it (none for statements with nothing to undo). */
  readonly down?: readonly string[];
  /** Why it cannot be undone from the text alone, and what to supply. */
  readonly irreversible?: string;
  /** What the down restores in shape only (the data it held is not brought back). */
  readonly lossy?: string;
  /** The down runs outside a transaction (DROP INDEX CONCURRENTLY). */
  readonly nonTransactional?: boolean;
}

export interface StatementInput {
  readonly node: Node;
  readonly text: string;
  readonly line: number;
}

/** Session settings (lock_timeout, search_path) govern the down as they governed the up. */
const CARRIED = new Set(['VariableSetStmt']);

export function invertStatements(statements: readonly StatementInput[]): { inverted: InvertedStatement[]; settings: string[] } {
  const settings: string[] = [];
  const inverted: InvertedStatement[] = [];
  for (const statement of statements) {
    const kind = Object.keys(statement.node)[0] as string;
    if (CARRIED.has(kind)) {
      settings.push(statement.text);
      continue;
    }
    if (kind === 'TransactionStmt') continue;
    const invert = INVERTERS[kind];
    const result = invert ? invert(statement.node[kind]) : { irreversible: `${kind.replace(/Stmt$/, '')} statements are not inverted automatically; ${NEEDS_SCHEMA}` };
    inverted.push(render(statement, result));
  }
  return { inverted, settings };
}

function render(statement: StatementInput, result: Inversion): InvertedStatement {
  const base = { up: statement.text, line: statement.line };
  if (result.irreversible) return { ...base, irreversible: result.irreversible };
  const down = (result.nodes ?? []).map((node) => deparser().deparseSync(node as never, { pretty: false }).replace(/;\s*$/, ''));
  return {
    ...base,
    down,
    ...(result.lossy ? { lossy: result.lossy } : {}),
    ...(result.nonTransactional ? { nonTransactional: true } : {}),
    ...(result.note ? { lossy: result.note } : {}),
  };
}

function invertCreateIndex(s: any): Inversion {
  const name = s.idxname ?? defaultIndexName(s);
  if (!name) return { irreversible: `CREATE INDEX without a name on expressions: name the index so the down can drop it` };
  const schema = s.relation?.schemaname;
  const drop = dropNode('OBJECT_INDEX', [schema ? [{ String: { sval: schema } }, { String: { sval: name } }] : [{ String: { sval: name } }]], {
    concurrent: Boolean(s.concurrent),
  });
  return {
    nodes: [drop],
    nonTransactional: Boolean(s.concurrent),
    note: s.idxname ? undefined : `the index had no name; PostgreSQL names it ${name}, assumed here`,
  };
}

function invertRename(s: any): Inversion {
  switch (s.renameType) {
    case 'OBJECT_TABLE':
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
    case 'OBJECT_INDEX':
    case 'OBJECT_SEQUENCE':
    case 'OBJECT_FOREIGN_TABLE':
      return { nodes: [{ RenameStmt: { ...s, relation: { ...s.relation, relname: s.newname }, newname: s.relation.relname } }] };
    case 'OBJECT_COLUMN':
    case 'OBJECT_TABCONSTRAINT':
    case 'OBJECT_TRIGGER':
    case 'OBJECT_POLICY':
    case 'OBJECT_SCHEMA':
      return { nodes: [{ RenameStmt: { ...s, subname: s.newname, newname: s.subname } }] };
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const names: Node[] = nameList(s.object);
      const renamed = [...names.slice(0, -1), { String: { sval: s.newname } }];
      const old = (names.at(-1) as { String?: { sval?: string } } | undefined)?.String?.sval;
      return { nodes: [{ RenameStmt: { ...s, object: { List: { items: renamed } }, newname: old } }] };
    }
    default:
      return { irreversible: `RENAME of a ${String(s.renameType).replace(/^OBJECT_/, '').toLowerCase()} is not inverted automatically; write the reverse rename by hand` };
  }
}
