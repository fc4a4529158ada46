// One schema size, in its own process so that its peak memory is its own. Prints one JSON line:
// milliseconds per phase and the process's maxRSS.
// Usage: node bench/measure-size.mjs from.sql to.sql [--validate] [--no-warm] [--database] [--server URL]
//   --database: also load both files the other way, through the embedded PostgreSQL (PGlite).
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { loadPostgresParser, parsePostgres } from '../dist/sources/sql/parse-postgres.js';
import { readPostgresText } from '../dist/sources/sql/postgres-text/index.js';
import { loadSchema } from '../dist/sources/resolve.js';
import { diffSchemas } from '../dist/diff/diff.js';
import { planMigration } from '../dist/plan/plan.js';
import { postgresPlanDialect } from '../dist/dialects/postgres/render/index.js';
import { renderDown, renderUp } from '../dist/emit/formats/sql.js';
import { EMITTERS } from '../dist/emit/registry.js';
import { generateMigration } from '../dist/ops/generate-migration.js';
import { acquireScratch, closeScratchPool } from '../dist/validate/scratch-postgres.js';
import { validateMigration } from '../dist/validate/validate-migration.js';

const [fromFile, toFile, ...rest] = process.argv.slice(2);
const server = rest[rest.indexOf('--server') + 1] && rest.includes('--server') ? rest[rest.indexOf('--server') + 1] : undefined;
const validate = rest.includes('--validate');
const warm = !rest.includes('--no-warm');
const viaDatabase = rest.includes('--database');

const times = {};
async function timed(name, fn) {
  const start = performance.now();
  const value = await fn();
  times[name] = performance.now() - start;
  return value;
}

const fromSql = await readFile(fromFile, 'utf8');
const toSql = await readFile(toFile, 'utf8');
await timed('parserLoad', () => loadPostgresParser());
const statements = await timed('parse', async () => (await parsePostgres(fromSql, fromFile)).length + (await parsePostgres(toSql, toFile)).length);
const schemaOf = (reading) => {
  if (!reading.schema) throw new Error(`the text reader declined: ${reading.needsDatabase}`);
  return reading.schema;
};
const from = await timed('readFrom', async () => schemaOf(await readPostgresText([{ file: fromFile, text: fromSql }])));
const to = await timed('readTo', async () => schemaOf(await readPostgresText([{ file: toFile, text: toSql }])));
times.read = times.readFrom + times.readTo;
if (viaDatabase) {
  const options = { dialect: 'postgres' };
  await timed('pgliteStart', async () => (await acquireScratch()).release());
  const fromDb = await timed('loadFrom', () => loadSchema(fromFile, options));
  const toDb = await timed('loadTo', () => loadSchema(toFile, options));
  times.load = times.loadFrom + times.loadTo;
  if (JSON.stringify(fromDb) !== JSON.stringify(from) || JSON.stringify(toDb) !== JSON.stringify(to)) throw new Error('the text reader and the database disagree');
}
const { changes } = await timed('diff', () => diffSchemas(from, to));
const plan = await timed('plan', () => planMigration({ changes, from, to, dialect: postgresPlanDialect, options: {} }));
await timed('emit', () => {
  const name = 'bench';
  renderUp(plan, { name, allowDataLoss: true });
  renderDown(plan, { name });
  return EMITTERS.sql.emit(plan, { name, prefix: '0001', timestamp: '', existing: [], allowDataLoss: true });
});
if (warm) await timed('generateWarm', () => generateMigration({ from: fromFile, to: toFile, allowDataLoss: true, timestamp: '0001' }));
if (validate) {
  const up = renderUp(plan, { name: 'bench', allowDataLoss: true });
  const down = renderDown(plan, { name: 'bench' });
  await timed('validatePglite', () => validateMigration({ fromSql, from, to, up, down, sampleRows: 3 }));
  if (server) await timed('validateServer', () => validateMigration({ fromSql, from, to, up, down, serverUrl: server, sampleRows: 3 }));
}
await closeScratchPool();
const out = {
  times,
  statements,
  changes: changes.length,
  steps: plan.steps.length,
  heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
