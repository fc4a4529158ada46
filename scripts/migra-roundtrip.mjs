#!/usr/bin/env node
// Measures the migra corpus round trip: for each case, plan a → b, apply up on a scratch database
// loaded with a.sql, compare with b, apply down, compare with a. Build first (npm run build).
// Usage: node scripts/migra-roundtrip.mjs [corpus-dir] [--server URL] [--rows N] [--verbose] [case...]
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateMigration } from '../dist/ops/generate-migration.js';
import { closeScratchPool } from '../dist/validate/scratch-postgres.js';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const server = flag('--server');
const rows = Number(flag('--rows') ?? 0);
const verbose = args.includes('--verbose');
const rest = args.filter((a) => a !== '--verbose');
const corpus = rest[0] && !rest[0].match(/^[a-z0-9_-]+$/) ? rest.shift() : '/work/shared/corpus/migra';
const only = new Set(rest);
if (server) {
  // Some cases grant to this role; roles are cluster-wide, so the scratch databases cannot create it.
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  await client.query(`DO $$ BEGIN CREATE ROLE schemainspect_test_role; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  await client.end();
}
const cases = (await readdir(corpus)).filter((c) => only.size === 0 || only.has(c)).sort();
let passed = 0;
let accepted = 0;
for (const name of cases) {
  const dir = join(corpus, name);
  const start = Date.now();
  try {
    const result = await generateMigration({
      from: join(dir, 'a.sql'),
      to: join(dir, 'b.sql'),
      allowDataLoss: true,
      validate: true,
      sampleRows: rows,
      scratchUrl: server,
    });
    accepted++;
    const v = result.validation;
    const ok = Boolean(v?.ok);
    if (ok) passed++;
    console.log(`${ok ? 'PASS' : 'FAIL'} ${name} (${result.plan.steps} steps, ${Date.now() - start} ms)`);
    if (!ok || verbose) {
      for (const s of v?.steps ?? []) if (!s.ok) console.log(`    ${s.name}: ${s.error ?? ''}${(s.differences ?? []).map((d) => `\n      - ${d}`).join('')}`);
      if (verbose) console.log(result.up, '\n---- down ----\n', result.down);
    }
  } catch (error) {
    console.log(`SKIP ${name}: ${error?.format ? error.format() : error?.stack ?? error}`);
  }
}
await closeScratchPool();
console.log(`\n${passed}/${cases.length} round-trip exactly (${accepted} loadable by the scratch database)`);
