import type { Node, RangeVar, VariableSetStmt } from 'libpg-query';
import { strings, walk } from './ast.js';
import type { Statement, StatementState } from './types.js';

/** `schema|name`, with an empty schema when the SQL left it to the search path. */
export function relationKey(schema: string | undefined, name: string | undefined): string {
  return `${schema ?? ''}|${name ?? ''}`;
}

/** Unqualified and qualified references meet: `users` and `public.users` are taken to be the same table. */
export function isCreated(created: ReadonlySet<string>, schema: string | undefined, name: string | undefined): boolean {
  if (name === undefined) return false;
  if (created.has(relationKey(schema, name))) return true;
  for (const key of created) {
    const bar = key.indexOf('|');
    if (key.slice(bar + 1) === name && (schema === undefined || bar === 0)) return true;
  }
  return false;
}

interface Timeout {
  readonly set: boolean;
  readonly local: boolean;
}

const UNSET: Timeout = { set: false, local: false };

/** The state before each statement, folded over the file in order. */
export function statementStates(statements: readonly Statement[]): StatementState[] {
  const explicitTransactions = statements.some((statement) => 'TransactionStmt' in statement.node);
  const states: StatementState[] = [];
  const created = new Set<string>();
  let inTransaction = false;
  let transactionStart: number | undefined;
  let lock: Timeout = UNSET;
  let stmtTimeout: Timeout = UNSET;
  for (const statement of statements) {
    states.push({
      inTransaction,
      transactionStart,
      explicitTransactions,
      lockTimeout: lock.set,
      statementTimeout: stmtTimeout.set,
      created: new Set(created),
    });
    const node = statement.node;
    if ('TransactionStmt' in node) {
      const kind = node.TransactionStmt.kind;
      if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') {
        if (!inTransaction) transactionStart = statement.index;
        inTransaction = true;
      } else if (isTransactionEnd(kind) && !node.TransactionStmt.chain) {
        inTransaction = false;
        transactionStart = undefined;
        // SET LOCAL lasts until the end of the transaction it was issued in.
        if (lock.local) lock = UNSET;
        if (stmtTimeout.local) stmtTimeout = UNSET;
      }
    }
    lock = timeoutAfter(node, 'lock_timeout', lock);
    stmtTimeout = timeoutAfter(node, 'statement_timeout', stmtTimeout);
    for (const relation of createdRelations(node)) created.add(relation);
  }
  return states;
}

function isTransactionEnd(kind: string | undefined): boolean {
  return kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK' || kind === 'TRANS_STMT_PREPARE';
}

function timeoutAfter(node: Node, setting: string, current: Timeout): Timeout {
  if ('VariableSetStmt' in node && node.VariableSetStmt.name === setting) return fromSet(node.VariableSetStmt);
  if ('VariableSetStmt' in node && node.VariableSetStmt.kind === 'VAR_RESET_ALL') return UNSET;
  if ('SelectStmt' in node) {
    let result = current;
    walk(node, (key, value) => {
      if (key !== 'FuncCall') return;
      const name = strings(value.funcname as Node[] | undefined).pop();
      const args = (value.args as Node[] | undefined) ?? [];
      if (name !== 'set_config' || constantText(args[0]) !== setting) return;
      const local = args[2] !== undefined && 'A_Const' in args[2] && args[2].A_Const.boolval?.boolval === true;
      result = { set: isNonZero(constantText(args[1])), local };
    });
    return result;
  }
  return current;
}

function fromSet(stmt: VariableSetStmt): Timeout {
  if (stmt.kind !== 'VAR_SET_VALUE') return UNSET;
  return { set: isNonZero(constantText(stmt.args?.[0])), local: stmt.is_local === true };
}

/** `0` switches a timeout off, so it does not count as having one. */
function isNonZero(value: string | undefined): boolean {
  return value !== undefined && !/^\s*0+\s*(ms|s|min|h|d)?\s*$/u.test(value);
}

function constantText(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if ('TypeCast' in node) return constantText(node.TypeCast.arg);
  if (!('A_Const' in node)) return undefined;
  const value = node.A_Const;
  if (value.sval) return value.sval.sval ?? '';
  if (value.ival) return String(value.ival.ival ?? 0);
  if (value.fval) return value.fval.fval ?? '0';
  return undefined;
}

function createdRelations(node: Node): string[] {
  const rel = (relation: RangeVar | undefined) => (relation ? [relationKey(relation.schemaname, relation.relname)] : []);
  if ('CreateStmt' in node) return rel(node.CreateStmt.relation);
  if ('CreateTableAsStmt' in node) return rel(node.CreateTableAsStmt.into?.rel);
  if ('SelectStmt' in node) return rel(node.SelectStmt.intoClause?.rel);
  if ('ViewStmt' in node) return rel(node.ViewStmt.view);
  if ('IndexStmt' in node && node.IndexStmt.idxname) {
    return [relationKey(node.IndexStmt.relation?.schemaname, node.IndexStmt.idxname)];
  }
  return [];
}
