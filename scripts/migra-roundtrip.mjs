#!/usr/bin/env node
// Measures the migra corpus round trip: for each case folder (a.sql → b.sql), PostgreSQL must accept
// both, then the plan a → b is validated on a scratch database (up, compare with b, down, compare
// with a). Build first (npm run build).
// Usage: node scripts/migra-roundtrip.mjs [corpus-dir] [--server URL] [--rows N] [--verbose] [case...]
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Report, closeScratchPool, parseArgs, prepareServer, runCase } from './lib/roundtrip.mjs';

const { server, rows, verbose, rest } = parseArgs(process.argv.slice(2));
const corpus = rest[0] && !rest[0].match(/^[a-z0-9_-]+$/) ? rest.shift() : '/work/shared/corpus/migra';
const only = new Set(rest);
await prepareServer(server, ['schemainspect_test_role']);
const cases = (await readdir(corpus)).filter((c) => only.size === 0 || only.has(c)).sort();
const report = new Report(verbose);
for (const name of cases) {
  const dir = join(corpus, name);
  const from = join(dir, 'a.sql');
  const to = join(dir, 'b.sql');
  const [fromSql, toSql] = await Promise.all([readFile(from, 'utf8'), readFile(to, 'utf8')]);
  report.add(name, await runCase({ from, to, fromSql, toSql, server, rows }));
}
await closeScratchPool();
report.summary();
