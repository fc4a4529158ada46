/** Validation on the engine of the migration's dialect: PGlite or a PostgreSQL server, a MySQL/MariaDB server, SQLite in memory. */
import type { DialectId } from '../core/model.js';
import { validateMigration, type ValidateMigrationInput, type ValidationResult } from './validate-migration.js';
import { validateMysqlMigration } from './validate-mysql.js';
import { validateSqliteMigration } from './validate-sqlite.js';

const VALIDATORS: Record<DialectId, (input: ValidateMigrationInput) => Promise<ValidationResult>> = {
  postgres: validateMigration,
  // Without --scratch-url, the server the loaders also use for scratch databases.
  mysql: (input) => validateMysqlMigration({ ...input, serverUrl: input.serverUrl ?? (process.env.MIGRATION_GENERATOR_MYSQL_URL || undefined) }),
  sqlite: validateSqliteMigration,
};

export function validateForDialect(dialect: DialectId, input: ValidateMigrationInput): Promise<ValidationResult> {
  return VALIDATORS[dialect](input);
}
