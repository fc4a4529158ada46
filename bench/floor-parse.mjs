// The parse floor: a bare process that only starts Node, loads the PostgreSQL parser and parses both
// files, each in one call. Prints the in-process parse time; the parent times the whole process.
// Usage: node bench/floor-parse.mjs from.sql to.sql
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadModule, parseSync } from 'libpg-query';

const texts = process.argv.slice(2).map((file) => readFileSync(file, 'utf8'));
let start = performance.now();
await loadModule();
const loadMs = performance.now() - start;
start = performance.now();
let statements = 0;
for (const text of texts) statements += parseSync(text).stmts.length;
const parseMs = performance.now() - start;
process.stdout.write(`${JSON.stringify({ loadMs, parseMs, statements, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
