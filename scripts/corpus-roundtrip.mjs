#!/usr/bin/env node
// Measures the round trip on a folder of YAML schema-diff cases (sqldef's format: one mapping of
// case name → { current, desired, ... } per file; files in subfolders count too). Each case: the
// database must accept `current` and `desired`, then generate-migration current → desired is
// validated (up, compare, down, compare). Cases that need a tool-specific setup (`user`, `config`)
// or another server flavor or version are skipped and say why; identical (current, desired) pairs in
// several files are counted once.
// Dialects: postgres (PGlite, or --server), mysql (a disposable MariaDB/MySQL server: --server or
// MYSQL_TEST_URL; scratch databases are created and dropped there), sqlite (in memory).
// --text (mysql): plan from the text read without a server, prove on the server.
// Usage: node scripts/corpus-roundtrip.mjs [folder/] [--dialect postgres|mysql|sqlite] [--server URL] [--text] [--any-flavor] [--rows N] [--verbose] [case...]
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { Report, closeScratchPool, parseArgs, prepareServer, runCase, scratchMajorVersion } from './lib/roundtrip.mjs';

const args = process.argv.slice(2);
// --any-flavor (mysql): run cases written for MySQL 8 or TiDB too, and let the server's acceptance decide.
const anyFlavor = args.includes('--any-flavor');
const { dialect, server, rows, verbose, text, rest } = parseArgs(args.filter((a) => a !== '--any-flavor'));
// A folder is a path (it has a slash); other positional arguments name cases.
const folder = (rest[0]?.includes('/') ? rest.shift() : undefined) ?? `/work/corpus/sqldef/${{ postgres: 'psqldef', mysql: 'mysqldef', sqlite: 'sqlite3def' }[dialect]}`;
const only = new Set(rest);
// The text reader is measured alone: no server reaches the loader (validation still gets --server).
if (text) delete process.env.MIGRATION_GENERATOR_MYSQL_URL;
if (dialect === 'postgres') await prepareServer(server, ['psqldef_user']);
const major = dialect === 'postgres' ? await scratchMajorVersion(server) : undefined;

/** Why a case cannot be run as a plain current → desired pair here, if it cannot. */
function skipReason(spec) {
  if (spec.user !== undefined) return 'needs a login role and its default schema (user)';
  if (spec.config !== undefined || spec.manage !== undefined || spec.managed_roles !== undefined) return 'depends on tool configuration (config, manage, managed_roles)';
  // sqldef reads a missing `desired` as an empty schema; the PostgreSQL measurement kept skipping them.
  if (spec.desired === undefined && dialect === 'postgres') return 'no desired schema';
  if (dialect === 'postgres') {
    if (spec.min_version !== undefined && Number(spec.min_version) > major) return `needs PostgreSQL ≥ ${spec.min_version}`;
    if (spec.max_version !== undefined && Number(spec.max_version) < major) return `needs PostgreSQL ≤ ${spec.max_version}`;
  }
  if (dialect === 'mysql') return mysqlSkipReason(spec);
  return undefined;
}

/** sqldef runs its MySQL cases on MySQL, MariaDB and TiDB; this measures them on MariaDB 10.11. */
function mysqlSkipReason(spec) {
  if (anyFlavor) return undefined;
  const flavor = spec.flavor === undefined ? undefined : String(spec.flavor);
  if (flavor === 'mysql' || flavor === 'tidb' || flavor === '!mariadb') return `written for another server flavor (flavor: ${flavor})`;
  if (spec.max_version !== undefined && flavor !== 'mariadb') return `written for MySQL ≤ ${spec.max_version}`;
  return undefined;
}

async function yamlFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => yamlFiles(join(dir, e.name))));
  return [...entries.filter((e) => e.isFile() && /\.ya?ml$/.test(e.name)).map((e) => join(dir, e.name)), ...nested.flat()].sort();
}

const files = await yamlFiles(folder);
const report = new Report(verbose);
// Sources are files: an empty schema is an empty file (generate-migration takes no empty inline text).
const work = await mkdtemp(join(tmpdir(), 'corpus-roundtrip-'));
const seen = new Set();
let duplicates = 0;
for (const path of files) {
  const file = relative(folder, path);
  const cases = parse(await readFile(path, 'utf8')) ?? {};
  for (const [caseName, spec] of Object.entries(cases)) {
    // Not a case (sqlite3def's config fixtures are plain settings).
    if (spec === null || typeof spec !== 'object' || (spec.current === undefined && spec.desired === undefined)) continue;
    const name = `${file.replace(/\.ya?ml$/, '')}/${caseName}`;
    if (only.size > 0 && !only.has(caseName) && !only.has(name)) continue;
    const reason = skipReason(spec);
    if (reason) {
      report.add(name, { status: 'skipped', reason });
      continue;
    }
    const current = String(spec.current ?? '');
    const desired = String(spec.desired ?? '');
    const key = JSON.stringify([current, desired]);
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    const from = join(work, 'current.sql');
    const to = join(work, 'desired.sql');
    await writeFile(from, current);
    await writeFile(to, desired);
    report.add(name, await runCase({ from, to, fromSql: current, toSql: desired, server, rows, dialect, text }));
  }
}
await closeScratchPool();
await rm(work, { recursive: true, force: true });
const engine = { postgres: `PostgreSQL ${major}${server ? ', server' : ', PGlite'}`, mysql: `MySQL/MariaDB server${text ? ', planned from the text reader' : ''}`, sqlite: 'SQLite in memory' }[dialect];
console.log(`\n(${engine}; ${duplicates} duplicate pairs counted once)`);
report.summary();
