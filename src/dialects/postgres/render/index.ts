/** The PostgreSQL leaf of the planner: capabilities and one renderer per change kind. */
import type { ChangeRenderers, PlanDialect } from '../../../plan/dialect.js';
import * as O from './objects.js';
import * as T from './tables.js';
import * as Y from './types.js';

/** Exhaustive: a new change kind fails the build until it is rendered here. */
const RENDER: ChangeRenderers = {
  create_schema: Y.createSchema,
  drop_schema: Y.dropSchema,
  create_extension: Y.createExtension,
  drop_extension: Y.dropExtension,
  alter_extension: Y.alterExtension,
  create_enum: Y.createEnum,
  drop_enum: Y.dropEnum,
  add_enum_value: Y.addEnumValue,
  rename_enum_value: Y.renameEnumValue,
  recreate_enum: Y.recreateEnum,
  create_domain: Y.createDomain,
  drop_domain: Y.dropDomain,
  alter_domain: Y.alterDomain,
  create_composite_type: Y.createComposite,
  drop_composite_type: Y.dropComposite,
  alter_composite_type: Y.alterComposite,
  create_sequence: Y.createSequence,
  drop_sequence: Y.dropSequence,
  alter_sequence: Y.alterSequence,
  create_table: T.createTable,
  drop_table: T.dropTable,
  rename_table: T.renameTable,
  alter_table: T.alterTableStep,
  add_column: T.addColumn,
  drop_column: T.dropColumn,
  rename_column: T.renameColumn,
  alter_column: T.alterColumn,
  add_constraint: T.addConstraint,
  drop_constraint: T.dropConstraint,
  validate_constraint: T.validateConstraint,
  add_index: T.addIndex,
  drop_index: T.dropIndex,
  create_view: O.createView,
  drop_view: O.dropView,
  replace_view: O.replaceView,
  create_routine: O.createRoutine,
  drop_routine: O.dropRoutine,
  replace_routine: O.replaceRoutine,
  create_trigger: O.createTrigger,
  drop_trigger: O.dropTrigger,
  create_policy: O.createPolicy,
  drop_policy: O.dropPolicy,
  alter_policy: O.alterPolicy,
  set_comment: O.setComment,
  grant: O.grant,
  revoke: O.revoke,
};

export const postgresPlanDialect: PlanDialect = {
  id: 'postgres',
  capabilities: { transactionalDdl: true, concurrentIndex: true },
  render: RENDER,
  canReplaceView: O.canReplaceView,
  canReplaceRoutine: O.canReplaceRoutine,
};
