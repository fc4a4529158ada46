/**
 * The lint rules. This is the only file that lists them: a new rule is one file in `rules/` and one
 * line here. Kept sorted by id so output and docs are stable.
 */
import { addingAutoIncrementField } from './rules/adding-auto-increment-field.js';
import { addingExclusionConstraint } from './rules/adding-exclusion-constraint.js';
import { addingFieldWithDefault } from './rules/adding-field-with-default.js';
import { addingForeignKeyConstraint } from './rules/adding-foreign-key-constraint.js';
import { addingNotNullableField } from './rules/adding-not-nullable-field.js';
import { addingRequiredField } from './rules/adding-required-field.js';
import { addingSerialPrimaryKeyField } from './rules/adding-serial-primary-key-field.js';
import { addingStoredGeneratedColumn } from './rules/adding-stored-generated-column.js';
import { addingTrigger } from './rules/adding-trigger.js';
import { banAlterDomainWithAddConstraint } from './rules/ban-alter-domain-with-add-constraint.js';
import { banCharField } from './rules/ban-char-field.js';
import { banCluster } from './rules/ban-cluster.js';
import { banConcurrentIndexCreationInTransaction } from './rules/ban-concurrent-index-creation-in-transaction.js';
import { banCreateDomainWithConstraint } from './rules/ban-create-domain-with-constraint.js';
import { banDeleteWithoutWhere } from './rules/ban-delete-without-where.js';
import { banDropColumn } from './rules/ban-drop-column.js';
import { banDropDatabase } from './rules/ban-drop-database.js';
import { banDropNotNull } from './rules/ban-drop-not-null.js';
import { banDropSchema } from './rules/ban-drop-schema.js';
import { banDropTable } from './rules/ban-drop-table.js';
import { banDropType } from './rules/ban-drop-type.js';
import { banLockTable } from './rules/ban-lock-table.js';
import { banSelectStarInMigration } from './rules/ban-select-star-in-migration.js';
import { banSetTablespace } from './rules/ban-set-tablespace.js';
import { banTruncate } from './rules/ban-truncate.js';
import { banUpdateWithoutWhere } from './rules/ban-update-without-where.js';
import { banVacuumFull } from './rules/ban-vacuum-full.js';
import { changingColumnType } from './rules/changing-column-type.js';
import { changingTablePersistence } from './rules/changing-table-persistence.js';
import { constraintMissingNotValid } from './rules/constraint-missing-not-valid.js';
import { disablingTrigger } from './rules/disabling-trigger.js';
import { disallowedUniqueConstraint } from './rules/disallowed-unique-constraint.js';
import { enumAddValueInTransaction } from './rules/enum-add-value-in-transaction.js';
import { enumValueUsedInTransaction } from './rules/enum-value-used-in-transaction.js';
import { preferBigintOverInt } from './rules/prefer-bigint-over-int.js';
import { preferIdentity } from './rules/prefer-identity.js';
import { preferJsonb } from './rules/prefer-jsonb.js';
import { preferRobustStmts } from './rules/prefer-robust-stmts.js';
import { preferTextField } from './rules/prefer-text-field.js';
import { preferTimestamptz } from './rules/prefer-timestamptz.js';
import { renamingColumn } from './rules/renaming-column.js';
import { renamingEnumValue } from './rules/renaming-enum-value.js';
import { renamingTable } from './rules/renaming-table.js';
import { requireConcurrentIndexCreation } from './rules/require-concurrent-index-creation.js';
import { requireConcurrentIndexDeletion } from './rules/require-concurrent-index-deletion.js';
import { requireConcurrentRefresh } from './rules/require-concurrent-refresh.js';
import { requireConcurrentReindex } from './rules/require-concurrent-reindex.js';
import { requireTimeoutSettings } from './rules/require-timeout-settings.js';
import { runnerTransactionWrapping } from './rules/runner-transaction-wrapping.js';
import { transactionNesting } from './rules/transaction-nesting.js';
import type { Rule } from './types.js';

export const RULES: readonly Rule[] = [
  addingAutoIncrementField,
  addingExclusionConstraint,
  addingFieldWithDefault,
  addingForeignKeyConstraint,
  addingNotNullableField,
  addingRequiredField,
  addingSerialPrimaryKeyField,
  addingStoredGeneratedColumn,
  addingTrigger,
  banAlterDomainWithAddConstraint,
  banCharField,
  banCluster,
  banConcurrentIndexCreationInTransaction,
  banCreateDomainWithConstraint,
  banDeleteWithoutWhere,
  banDropColumn,
  banDropDatabase,
  banDropNotNull,
  banDropSchema,
  banDropTable,
  banDropType,
  banLockTable,
  banSelectStarInMigration,
  banSetTablespace,
  banTruncate,
  banUpdateWithoutWhere,
  banVacuumFull,
  changingColumnType,
  changingTablePersistence,
  constraintMissingNotValid,
  disablingTrigger,
  disallowedUniqueConstraint,
  enumAddValueInTransaction,
  enumValueUsedInTransaction,
  preferBigintOverInt,
  preferIdentity,
  preferJsonb,
  preferRobustStmts,
  preferTextField,
  preferTimestamptz,
  renamingColumn,
  renamingEnumValue,
  renamingTable,
  requireConcurrentIndexCreation,
  requireConcurrentIndexDeletion,
  requireConcurrentRefresh,
  requireConcurrentReindex,
  requireTimeoutSettings,
  runnerTransactionWrapping,
  transactionNesting,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.id, rule]));

export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** Where the MCP server publishes a rule's documentation as a resource. */
export function ruleDocUri(id: string): string {
  return `migration-generator://lint-rules/${id}`;
}
