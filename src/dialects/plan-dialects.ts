/** The planner's leaf for each dialect: one line each, so generate and validate pick by `--dialect`. */
import type { DialectId } from '../core/model.js';
import type { PlanDialect } from '../plan/dialect.js';
import { mysqlPlanDialect } from './mysql/render/index.js';
import { postgresPlanDialect } from './postgres/render/index.js';
import { sqlitePlanDialect } from './sqlite/render/index.js';

export const PLAN_DIALECTS: Readonly<Record<DialectId, PlanDialect>> = {
  postgres: postgresPlanDialect,
  mysql: mysqlPlanDialect,
  sqlite: sqlitePlanDialect,
};
