// Two measurements of a single process, medians of several runs, each in a fresh process:
//   node bench/start-and-parse.mjs start [runs]  PGlite start: plain `PGlite.create()`, the first start
//       (which writes the data-directory snapshot), and a start from the snapshot.
//   node bench/start-and-parse.mjs parse [runs] [tables]  parsing one generated file (5,000 tables by
//       default) whole, as before, and a chunk of statements at a time.
// Reports wall time of the process, its CPU time and its peak RSS. Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { schemaPair } from './generate-schema.mjs';
import { median } from './stats.mjs';

const dist = new URL('../dist/', import.meta.url).href;

const CHILD = {
  plain: `const { PGlite } = await import('@electric-sql/pglite'); const db = await PGlite.create(); await db.query('SELECT 1'); await db.close();`,
  snapshot: `const { startPglite } = await import('${dist}dialects/postgres/pglite.js'); const db = await startPglite(); await db.query('SELECT 1'); await db.close();`,
  parse: (chunkBytes) =>
    `const { readFileSync } = await import('node:fs'); const p = await import('${dist}dialects/postgres/parser.js'); await p.loadPostgresParser();` +
    ` const n = p.parseMigration(readFileSync(process.env.SQL_FILE, 'utf8'), undefined, ${chunkBytes}).statements.length; if (!n) process.exit(1);`,
};

function run(code, env) {
  const report = `const u = process.resourceUsage(); process.stdout.write(JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, rss: u.maxRSS / 1024 }));`;
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', `${code} ${report}`], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    cwd: new URL('..', import.meta.url).pathname,
  });
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(child.stderr);
  return { wall, ...JSON.parse(child.stdout) };
}

function summary(label, samples) {
  const pick = (key) => median(samples.map((s) => s[key]));
  return `| ${label} | ${pick('wall').toFixed(2)} s | ${pick('cpu').toFixed(2)} s | ${Math.round(pick('rss'))} MB | ${samples.length} |`;
}

const [mode = 'start', runsArg = '5', tablesArg = '5000'] = process.argv.slice(2);
const runs = Number(runsArg);
const rows = ['| process | wall | CPU | peak RSS | runs |', '|---|---:|---:|---:|---:|'];
if (mode === 'start') {
  const plain = [];
  const first = [];
  const cached = [];
  for (let i = 0; i < runs; i++) {
    const cache = mkdtempSync(join(tmpdir(), 'mg-bench-cache-'));
    try {
      plain.push(run(CHILD.plain, {}));
      first.push(run(CHILD.snapshot, { MIGRATION_GENERATOR_CACHE_DIR: cache }));
      cached.push(run(CHILD.snapshot, { MIGRATION_GENERATOR_CACHE_DIR: cache }));
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }
  rows.push(summary('PGlite.create() (initdb)', plain), summary('first start: initdb + write snapshot', first), summary('start from snapshot', cached));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'mg-bench-parse-'));
  try {
    const file = join(dir, 'schema.sql');
    const sql = schemaPair(Number(tablesArg)).to;
    writeFileSync(file, sql);
    const whole = [];
    const chunked = [];
    for (let i = 0; i < runs; i++) {
      whole.push(run(CHILD.parse('Infinity'), { SQL_FILE: file }));
      chunked.push(run(CHILD.parse('undefined'), { SQL_FILE: file }));
    }
    rows.push(summary(`parse ${tablesArg} tables (${(Buffer.byteLength(sql) / 1e6).toFixed(1)} MB) whole`, whole), summary('same, in chunks of 256 KB', chunked));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
process.stdout.write(`${rows.join('\n')}\n`);
