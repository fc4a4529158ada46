import type { AlterTableCmd, AlterTableStmt, Node } from 'libpg-query';
import { alterTable, relationName } from './ast.js';
import type { LintContext, Statement } from './types.js';

export interface ExistingAlter {
  readonly stmt: AlterTableStmt;
  readonly cmds: readonly AlterTableCmd[];
  readonly table: string;
}

/** An ALTER TABLE on a table this file did not create; locking and rewrite rules only care about those. */
export function alterOfExistingTable(statement: Statement, context: LintContext): ExistingAlter | undefined {
  const found = alterTable(statement.node);
  if (!found) return undefined;
  const relation = found.stmt.relation;
  if (context.isNew(relation?.schemaname, relation?.relname)) return undefined;
  return { stmt: found.stmt, cmds: found.cmds, table: relationName(relation) };
}

/** What a statement does CONCURRENTLY (and so cannot do inside a transaction block), if anything. */
export function concurrentOperation(node: Node): string | undefined {
  if ('IndexStmt' in node && node.IndexStmt.concurrent) return 'CREATE INDEX CONCURRENTLY';
  if ('DropStmt' in node && node.DropStmt.concurrent) return 'DROP INDEX CONCURRENTLY';
  if ('ReindexStmt' in node && hasOption(node.ReindexStmt.params, 'concurrently')) return 'REINDEX CONCURRENTLY';
  if ('AlterTableStmt' in node) {
    for (const cmd of node.AlterTableStmt.cmds ?? []) {
      if ('AlterTableCmd' in cmd && cmd.AlterTableCmd.subtype === 'AT_DetachPartition') {
        const def = cmd.AlterTableCmd.def;
        if (def && 'PartitionCmd' in def && def.PartitionCmd.concurrent) return 'DETACH PARTITION CONCURRENTLY';
      }
    }
  }
  return undefined;
}

export function hasOption(options: readonly Node[] | undefined, name: string): boolean {
  return (options ?? []).some((option) => 'DefElem' in option && option.DefElem.defname === name && !isFalse(option.DefElem.arg));
}

function isFalse(arg: Node | undefined): boolean {
  if (!arg) return false;
  if ('Boolean' in arg) return arg.Boolean.boolval !== true;
  if ('String' in arg) return ['false', 'off', '0'].includes((arg.String.sval ?? '').toLowerCase());
  if ('Integer' in arg) return (arg.Integer.ival ?? 0) === 0;
  return false;
}

/** Statements between `from` (exclusive) and the end of the transaction that holds `from`. */
export function sameTransactionFollowers(statement: Statement, context: LintContext): Statement[] {
  const out: Statement[] = [];
  for (const next of context.statements.slice(statement.index + 1)) {
    if ('TransactionStmt' in next.node) {
      const kind = next.node.TransactionStmt.kind;
      if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK' || kind === 'TRANS_STMT_PREPARE') break;
    }
    out.push(next);
  }
  return out;
}

/**
 * Whether the statement runs in a transaction with the statements around it: inside an explicit
 * block, or anywhere in a file without transaction control (most runners wrap such a file in one).
 */
export function transactionKind(context: LintContext): 'explicit' | 'runner' | 'none' {
  if (context.state.inTransaction) return 'explicit';
  return context.state.explicitTransactions ? 'none' : 'runner';
}
