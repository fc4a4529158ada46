/** The SQLite leaf of the planner: ALTER TABLE where SQLite has it, the documented table rebuild otherwise. */
import type { ChangeRenderers, PlanDialect } from '../../../plan/dialect.js';
import * as O from './objects.js';
import { rebuildTables } from './rebuild.js';

/** Exhaustive: a new change kind fails the build until it is rendered (or refused) here. */
const RENDER: ChangeRenderers = {
  create_schema: O.unsupported,
  drop_schema: O.unsupported,
  create_extension: O.unsupported,
  drop_extension: O.unsupported,
  alter_extension: O.unsupported,
  create_collation: O.unsupported,
  drop_collation: O.unsupported,
  create_enum: O.unsupported,
  drop_enum: O.unsupported,
  add_enum_value: O.unsupported,
  rename_enum_value: O.unsupported,
  recreate_enum: O.unsupported,
  create_domain: O.unsupported,
  drop_domain: O.unsupported,
  alter_domain: O.unsupported,
  create_composite_type: O.unsupported,
  drop_composite_type: O.unsupported,
  alter_composite_type: O.unsupported,
  create_sequence: O.unsupported,
  drop_sequence: O.unsupported,
  alter_sequence: O.unsupported,
  create_table: O.createTable,
  drop_table: O.dropTable,
  rename_table: O.renameTable,
  alter_table: O.byRebuild,
  add_column: O.addColumn,
  drop_column: O.dropColumn,
  rename_column: O.renameColumn,
  alter_column: O.byRebuild,
  add_constraint: O.byRebuild,
  drop_constraint: O.byRebuild,
  validate_constraint: O.byRebuild,
  add_index: O.addIndex,
  drop_index: O.dropIndex,
  create_view: O.createView,
  drop_view: O.dropView,
  replace_view: O.unsupported,
  create_routine: O.unsupported,
  drop_routine: O.unsupported,
  replace_routine: O.unsupported,
  create_trigger: O.createTrigger,
  drop_trigger: O.dropTrigger,
  create_policy: O.unsupported,
  drop_policy: O.unsupported,
  alter_policy: O.unsupported,
  set_comment: O.unsupported,
  grant: O.unsupported,
  revoke: O.unsupported,
};

export const SQLITE_NOTES: readonly string[] = [
  'A table rebuild turns foreign keys off and back on around its own BEGIN/COMMIT: run this file as it is, not inside a transaction of the runner (PRAGMA foreign_keys has no effect there).',
];

export const sqlitePlanDialect: PlanDialect = {
  id: 'sqlite',
  capabilities: { transactionalDdl: true, concurrentIndex: false },
  render: RENDER,
  // SQLite has no CREATE OR REPLACE VIEW: a changed view is dropped and created.
  canReplaceView: () => false,
  canReplaceRoutine: () => false,
  finish: rebuildTables,
  notes: (steps) => (steps.some((s) => !s.transactional) ? SQLITE_NOTES : []),
};
