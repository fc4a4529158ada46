#!/usr/bin/env node
// Measures the round trip on a folder of YAML schema-diff cases (sqldef's format: one mapping of
// case name → { current, desired, ... } per file). Each case: PostgreSQL must accept `current` and
// `desired`, then generate-migration current → desired is validated (up, compare, down, compare).
// Cases that need a tool-specific setup (`user`, `config`) or another PostgreSQL version are skipped;
// identical (current, desired) pairs in several files are counted once.
// Usage: node scripts/corpus-roundtrip.mjs <folder> [--server URL] [--rows N] [--verbose] [case...]
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Report, closeScratchPool, parseArgs, prepareServer, runCase, scratchMajorVersion } from './lib/roundtrip.mjs';

const { server, rows, verbose, rest } = parseArgs(process.argv.slice(2));
const folder = rest.shift() ?? '/work/corpus/sqldef/psqldef';
const only = new Set(rest);
await prepareServer(server, ['psqldef_user']);
const major = await scratchMajorVersion(server);

/** Why a case cannot be run as a plain current → desired pair here, if it cannot. */
function skipReason(spec) {
  if (spec.user !== undefined) return 'needs a login role and its default schema (user)';
  if (spec.config !== undefined || spec.manage !== undefined || spec.managed_roles !== undefined) return 'depends on tool configuration (config, manage, managed_roles)';
  if (spec.min_version !== undefined && Number(spec.min_version) > major) return `needs PostgreSQL ≥ ${spec.min_version}`;
  if (spec.max_version !== undefined && Number(spec.max_version) < major) return `needs PostgreSQL ≤ ${spec.max_version}`;
  if (spec.desired === undefined) return 'no desired schema';
  return undefined;
}

const files = (await readdir(folder)).filter((f) => /\.ya?ml$/.test(f)).sort();
const report = new Report(verbose);
// Sources are files: an empty schema is an empty file (generate-migration takes no empty inline text).
const work = await mkdtemp(join(tmpdir(), 'corpus-roundtrip-'));
const seen = new Set();
let duplicates = 0;
for (const file of files) {
  const cases = parse(await readFile(join(folder, file), 'utf8')) ?? {};
  for (const [caseName, spec] of Object.entries(cases)) {
    const name = `${file.replace(/\.ya?ml$/, '')}/${caseName}`;
    if (only.size > 0 && !only.has(caseName) && !only.has(name)) continue;
    const reason = skipReason(spec ?? {});
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
    report.add(name, await runCase({ from, to, fromSql: current, toSql: desired, server, rows }));
  }
}
await closeScratchPool();
await rm(work, { recursive: true, force: true });
console.log(`\n(PostgreSQL ${major}${server ? ', server' : ', PGlite'}; ${duplicates} duplicate pairs counted once)`);
report.summary();
