/** Applies scripts one after the other on a scratch, collecting the errors instead of stopping. */
import type { SqlClient } from '../../src/dialects/postgres/client.js';
import { applyScript } from '../../src/validate/validate-migration.js';

export function scriptRunner(client: SqlClient): { errors: string[]; run: (sql: string) => Promise<void> } {
  const errors: string[] = [];
  const run = async (sql: string) => {
    const applied = await applyScript(client, sql);
    if (!applied.ok) errors.push(applied.error as string);
  };
  return { errors, run };
}
