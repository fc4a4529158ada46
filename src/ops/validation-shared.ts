/** What generate-migration and validate-migration share about validation: its output schema and the `from` SQL. */
import { emptySchema, type Schema } from '../core/model.js';
import { PLAN_DIALECTS } from '../dialects/plan-dialects.js';
import { introspectPostgres } from '../dialects/postgres/introspect.js';
import { diffSchemas } from '../diff/diff.js';
import { renderUp } from '../emit/formats/sql.js';
import { planMigration } from '../plan/plan.js';
import { isDatabaseUrl, liveDialect, readSqlSource } from '../sources/resolve.js';
import { acquireScratch } from '../validate/scratch-postgres.js';
import type { OpContext } from './common.js';
import { VALIDATION_STAGES, type ValidationStage } from '../validate/validate-migration.js';

export { validationOutput } from './schemas/validation.js';

/**
 * SQL that builds `from` on a scratch database: the source text itself, or for a live database a
 * script planned from an empty database to its schema (the live database is never touched again).
 */
export async function fromSqlText(source: string, schema: Schema, scratchUrl: string | undefined, context: OpContext): Promise<string> {
  if (!isDatabaseUrl(source) && !liveDialect(source)) return (await readSqlSource(source, context)).map((t) => t.text).join(';\n');
  if (schema.dialect !== 'postgres') {
    const empty = emptySchema(schema.dialect);
    const dialect = PLAN_DIALECTS[schema.dialect];
    return renderUp(planMigration({ changes: diffSchemas(empty, schema).changes, from: empty, to: schema, dialect }), { name: 'from', allowDataLoss: true });
  }
  const scratch = await acquireScratch({ serverUrl: scratchUrl });
  let empty: Schema;
  try {
    empty = await introspectPostgres(scratch.client);
  } finally {
    await scratch.release();
  }
  const plan = planMigration({ changes: diffSchemas(empty, schema).changes, from: empty, to: schema, dialect: PLAN_DIALECTS.postgres });
  return renderUp(plan, { name: 'from', allowDataLoss: true });
}

/** Validation stages as progress for the caller: the op's own `done` steps come first. */
export function validationProgress(context: OpContext, done = 0): { signal?: AbortSignal; onStage: (stage: ValidationStage) => Promise<void> } {
  const total = done + VALIDATION_STAGES.length;
  return {
    signal: context.signal,
    onStage: async (stage) => {
      await context.onProgress?.({ progress: done + VALIDATION_STAGES.indexOf(stage), total, message: `validation: ${stage}` });
    },
  };
}
