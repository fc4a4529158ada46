// Shared harness for the corpus round-trip scripts: for one (from, to) pair of SQL texts, check that
// the database itself (PostgreSQL, MariaDB/MySQL or SQLite) accepts both, then plan from → to, apply
// up on a scratch database loaded with `from`, compare with `to`, apply down, compare with `from`.
// Results are grouped by the first failing stage and a short reason. Build first (npm run build):
// this imports from dist/.
import { generateMigration } from '../../dist/ops/generate-migration.js';
import { acquireScratch, closeScratchPool } from '../../dist/validate/scratch-postgres.js';
import { acquireMysqlScratch } from '../../dist/validate/scratch-mysql.js';
import { acquireSqliteScratch } from '../../dist/validate/scratch-sqlite.js';
import { applyScript, createRoles } from '../../dist/validate/validate-migration.js';
import { applyMysqlScript, validateMysqlMigration } from '../../dist/validate/validate-mysql.js';
import { applySqliteScript } from '../../dist/validate/validate-sqlite.js';
import { loadMysqlSql } from '../../dist/sources/sql/load-mysql-sql.js';

/** Common flags: --server URL, --rows N, --dialect D, --verbose, --text; what remains are positional arguments. */
export function parseArgs(argv) {
  const args = [...argv];
  const flag = (name) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const value = args[i + 1];
    args.splice(i, 2);
    return value;
  };
  const dialect = flag('--dialect') ?? 'postgres';
  if (!['postgres', 'mysql', 'sqlite'].includes(dialect)) throw new Error(`--dialect: postgres, mysql or sqlite, not ${dialect}`);
  // MySQL needs a server for validation (and, by default, for loading): MYSQL_TEST_URL when not given.
  const server = flag('--server') ?? (dialect === 'mysql' ? process.env.MYSQL_TEST_URL : undefined);
  if (dialect === 'mysql' && !server) throw new Error('--dialect mysql needs --server mysql://… or MYSQL_TEST_URL (a disposable server)');
  const rows = Number(flag('--rows') ?? 0);
  const verbose = args.includes('--verbose');
  const text = args.includes('--text');
  return { dialect, server, rows, verbose, text, rest: args.filter((a) => a !== '--verbose' && a !== '--text') };
}

/** Roles some corpora grant to; roles are cluster-wide, so scratch databases cannot create them. */
export async function prepareServer(server, roles) {
  if (!server) return;
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  for (const role of roles) {
    await client.query(`DO $$ BEGIN CREATE ROLE ${role}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  }
  await client.end();
}

/** The PostgreSQL major version scratch databases run (PGlite or the server). */
export async function scratchMajorVersion(server) {
  const scratch = await acquireScratch({ serverUrl: server });
  try {
    const rows = await scratch.client.query("SELECT current_setting('server_version_num')::int AS v");
    return Math.floor(Number(rows[0]?.v ?? rows.rows?.[0]?.v) / 10000);
  } finally {
    await scratch.release();
  }
}

const EXTENSION = /create\s+extension\s+(?:if\s+not\s+exists\s+)?"?([\w-]+)"?/gi;

/** Does the database itself (not our loader) accept this SQL on a fresh scratch database? */
export async function accepts(sql, server, dialect = 'postgres') {
  if (!sql.trim()) return { ok: true };
  if (dialect === 'mysql') {
    const scratch = await acquireMysqlScratch(server);
    try {
      return await applyMysqlScript(scratch.client, sql);
    } finally {
      await scratch.release();
    }
  }
  if (dialect === 'sqlite') {
    const scratch = acquireSqliteScratch();
    try {
      return applySqliteScript(scratch.db, sql);
    } finally {
      scratch.release();
    }
  }
  const extensions = [...sql.matchAll(EXTENSION)].map((m) => m[1].toLowerCase());
  const scratch = await acquireScratch({ serverUrl: server, extensions });
  try {
    // As validation does: roles that grants and policies name exist once created (PGlite only).
    if (scratch.canCreateRoles) await createRoles(scratch.client, [sql]);
    return await applyScript(scratch.client, sql);
  } finally {
    await scratch.release();
  }
}

/** A short, name-free reason, so that failures of one kind group together. */
export function shortReason(text) {
  return String(text ?? '')
    .split('\n')[0]
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\b[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_.]*\b/gi, 'X.Y')
    .slice(0, 110);
}

/**
 * One case. `from`/`to` are SQL texts or file paths (anything generateMigration takes).
 * `text` (MySQL): plan from the text read without a server, then prove it on the server against the
 * schemas the server itself makes of the texts.
 * Returns { status: 'pass' | 'fail' | 'not accepted', stage?, reason?, detail?, up?, down? }.
 */
export async function runCase({ from, to, fromSql, toSql, server, rows = 0, dialect = 'postgres', text = false }) {
  if (fromSql !== undefined) {
    const a = await accepts(fromSql, server, dialect);
    if (!a.ok) return { status: 'not accepted', stage: 'current', reason: shortReason(a.error), detail: a.error };
  }
  if (toSql !== undefined) {
    const b = await accepts(toSql, server, dialect);
    if (!b.ok) return { status: 'not accepted', stage: 'desired', reason: shortReason(b.error), detail: b.error };
  }
  let result;
  try {
    if (text && dialect === 'mysql') {
      result = await generateMigration({ from, to, dialect, allowDataLoss: true, validate: false });
      const truth = (sql) => loadMysqlSql([{ file: 'x.sql', text: sql }], { serverUrl: server });
      const validation = await validateMysqlMigration({ fromSql, from: await truth(fromSql), to: await truth(toSql), up: result.up, down: result.down, serverUrl: server, sampleRows: rows });
      result = { ...result, validation };
    } else {
      result = await generateMigration({ from, to, dialect, allowDataLoss: true, validate: true, sampleRows: rows, scratchUrl: dialect === 'sqlite' ? undefined : server });
    }
  } catch (error) {
    const message = error?.format ? error.format() : String(error?.message ?? error);
    return { status: 'fail', stage: 'generate', reason: shortReason(message), detail: message };
  }
  const failed = (result.validation?.steps ?? []).find((s) => !s.ok);
  // What the schema model does not represent (MySQL partitioning and events...) is left out of both
  // sides, so such a case passes without migrating it: reported beside the pass.
  const ignored = [...new Set((result.warnings ?? []).filter((w) => w.code === 'UNSUPPORTED_OBJECT').map((w) => shortReason(w.message.replace(/ (of table )?\S+ is not represented in the schema model$/, ''))))];
  if (!failed) return { status: 'pass', up: result.up, down: result.down, steps: result.plan.steps, ...(ignored.length > 0 ? { ignored } : {}) };
  const detail = `${failed.error ?? ''}${(failed.differences ?? []).map((d) => `\n  - ${d}`).join('')}`;
  return { status: 'fail', stage: failed.name, reason: shortReason(failed.error ?? failed.differences?.[0]), detail, up: result.up, down: result.down };
}

/** Prints one line per case and, at the end, the totals and failure groups. */
export class Report {
  constructor(verbose) {
    this.verbose = verbose;
    this.results = [];
  }
  add(name, result) {
    this.results.push({ name, ...result });
    const tag = { pass: 'PASS', fail: 'FAIL', 'not accepted': 'NOT ACCEPTED', skipped: 'SKIP' }[result.status];
    const note = result.status === 'pass' ? (result.ignored ? ` (not modelled, left out: ${result.ignored.join('; ')})` : '') : ` ${result.reason ?? ''}`;
    console.log(`${tag} ${name}${result.stage ? ` [${result.stage}]` : ''}${note}`);
    if ((result.status === 'fail' && this.verbose) || (this.verbose && result.status === 'pass' && process.env.SHOW_SQL)) {
      if (result.detail) console.log(`    ${result.detail.replace(/\n/g, '\n    ')}`);
      if (result.up !== undefined) console.log(`---- up ----\n${result.up}\n---- down ----\n${result.down}`);
    }
  }
  summary() {
    const count = (status) => this.results.filter((r) => r.status === status).length;
    const total = this.results.length;
    const skipped = count('skipped');
    const notAccepted = count('not accepted');
    const accepted = total - skipped - notAccepted;
    const passed = count('pass');
    const groups = new Map();
    for (const r of this.results.filter((x) => x.status === 'fail')) {
      const key = `${r.stage}: ${r.reason}`;
      groups.set(key, [...(groups.get(key) ?? []), r.name]);
    }
    const skips = new Map();
    for (const r of this.results.filter((x) => x.status === 'skipped' || x.status === 'not accepted')) {
      const key = `${r.status} (${r.stage ?? ''}) ${r.reason}`;
      skips.set(key, (skips.get(key) ?? 0) + 1);
    }
    console.log('\nfailures by first failing stage:');
    for (const [key, names] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
      console.log(`  ${names.length} × ${key}\n      ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}`);
    }
    const ignored = new Map();
    for (const r of this.results.filter((x) => x.status === 'pass' && x.ignored)) for (const why of r.ignored) ignored.set(why, [...(ignored.get(why) ?? []), r.name]);
    if (ignored.size > 0) {
      console.log('passes with objects the schema model leaves out (on both sides, so not migrated):');
      for (const [why, names] of [...ignored].sort((a, b) => b[1].length - a[1].length)) console.log(`  ${names.length} × ${why}\n      ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}`);
    }
    console.log('skipped / not accepted:');
    for (const [key, n] of [...skips].sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${key}`);
    const rate = accepted ? ((100 * passed) / accepted).toFixed(1) : '0.0';
    console.log(`\ntotal ${total}, skipped ${skipped}, not accepted ${notAccepted}, accepted ${accepted}, passed ${passed}, failed ${accepted - passed}`);
    const partial = this.results.filter((x) => x.status === 'pass' && x.ignored).length;
    console.log(`${passed}/${accepted} round-trip exactly among accepted (${rate}%)${partial ? `; ${partial} of the passes leave out objects the model does not represent` : ''}`);
    return { total, skipped, notAccepted, accepted, passed, partial };
  }
}

export { closeScratchPool };
