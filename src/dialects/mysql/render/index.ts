/** The MySQL/MariaDB leaf of the planner: capabilities, one renderer per change kind, and the merge of ALTER TABLE changes. */
import type { ChangeRenderers, PlanDialect } from '../../../plan/dialect.js';
import { mergeAlters } from './merge.js';
import * as O from './objects.js';

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
  alter_table: O.alterStep,
  add_column: O.alterStep,
  drop_column: O.alterStep,
  rename_column: O.alterStep,
  alter_column: O.alterStep,
  add_constraint: O.alterStep,
  drop_constraint: O.alterStep,
  validate_constraint: O.unsupported,
  add_index: O.alterStep,
  drop_index: O.alterStep,
  create_view: O.createView,
  drop_view: O.dropView,
  replace_view: O.replaceView,
  create_routine: O.createRoutine,
  drop_routine: O.dropRoutine,
  replace_routine: O.replaceRoutine,
  create_trigger: O.createTrigger,
  drop_trigger: O.dropTrigger,
  create_policy: O.unsupported,
  drop_policy: O.unsupported,
  alter_policy: O.unsupported,
  set_comment: O.alterStep,
  grant: O.unsupported,
  revoke: O.unsupported,
};

export const MYSQL_NOTES: readonly string[] = [
  'MySQL/MariaDB DDL is not transactional: each statement commits on its own, so this file has no BEGIN/COMMIT.',
  'If a statement fails, the ones before it stay applied: fix the cause and run the rest, or undo the applied part with the matching end of the down file.',
  'ALGORITHM/LOCK clauses make the server refuse a change it cannot make online (older servers refuse some INSTANT changes) instead of copying the table.',
];

export const mysqlPlanDialect: PlanDialect = {
  id: 'mysql',
  capabilities: { transactionalDdl: false, concurrentIndex: false },
  render: RENDER,
  // CREATE OR REPLACE could change any view, but its reverse then runs before the columns it names
  // come back (a dropped column restored by down): drop and create keep the planner's order right.
  canReplaceView: () => false,
  canReplaceRoutine: () => false,
  finish: mergeAlters,
  notes: (steps) => (steps.length > 0 ? MYSQL_NOTES : []),
};
