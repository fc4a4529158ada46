/** Migration SQL text → its statement-by-statement inverse, with the irreversible parts named. */
import { locate } from '../core/errors.js';
import { loadPostgresParser, parseMigration } from '../dialects/postgres/parser.js';
import { invertStatements, type InvertedStatement } from './invert-statements.js';

export interface SqlInversion {
  /** The down migration, in reverse order of the up; irreversible statements appear as comments. */
  readonly down: string;
  readonly statements: readonly InvertedStatement[];
  readonly irreversible: readonly { readonly line: number; readonly statement: string; readonly reason: string }[];
}

export async function invertSql(sql: string, file?: string): Promise<SqlInversion> {
  await loadPostgresParser();
  const parsed = parseMigration(sql, file);
  const { inverted, settings } = invertStatements(
    parsed.statements.map((s) => ({ node: s.node as Record<string, any>, text: s.text, line: locate(sql, s.start).line })),
  );
  const irreversible = inverted
    .filter((s) => s.irreversible)
    .map((s) => ({ line: s.line, statement: s.up, reason: s.irreversible as string }));
  return { down: renderDown(inverted, settings, file), statements: inverted, irreversible };
}

function renderDown(inverted: readonly InvertedStatement[], settings: readonly string[], file?: string): string {
  const out: string[] = [`-- Down migration${file ? ` for ${file}` : ''}, written statement by statement from the up.`];
  if (inverted.some((s) => s.irreversible)) out.push('-- Some statements cannot be undone from the text alone: see IRREVERSIBLE below.');
  for (const setting of settings) out.push(`${setting};`);
  const reversed = [...inverted].reverse();
  const inTransaction = reversed.filter((s) => !s.nonTransactional);
  const outside = reversed.filter((s) => s.nonTransactional);
  if (inTransaction.length > 0) {
    out.push('BEGIN;');
    for (const s of inTransaction) out.push(...renderOne(s));
    out.push('COMMIT;');
  }
  if (outside.length > 0) {
    out.push('-- These run outside a transaction (CONCURRENTLY).');
    for (const s of outside) out.push(...renderOne(s));
  }
  return `${out.join('\n')}\n`;
}

function renderOne(s: InvertedStatement): string[] {
  const header = `-- undoes line ${s.line}: ${oneLine(s.up)}`;
  if (s.irreversible) return [`-- IRREVERSIBLE (line ${s.line}): ${s.irreversible}`, `--   ${oneLine(s.up)}`];
  const lines = [header];
  if (s.lossy) lines.push(`-- note: ${s.lossy}`);
  lines.push(...(s.down ?? []).map((sql) => `${sql};`));
  return lines;
}

function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}
