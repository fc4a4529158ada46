// The benchmark: `npm run bench` (builds first). Generates schemas of several sizes, times every phase
// of generate-migration in a child process per size, the whole CLI process, the MCP server over stdio,
// scratch validation, the peer (@pgkit/migra on two live databases) and two parse floors; writes
// BENCHMARKS.md and benchmarks.svg from the medians.
//
// Options: --sizes 10,100,1000,5000  --runs 3  --quick (1 run, 100 calls, small sizes only)  --database-max 1000
//          --large-runs 1 (runs at 5,000 tables; 1,000 tables get 2)  --calls 1000 --call-budget 120 (seconds)  --validate-max 1000  --no-peer  --no-mcp
//          --server URL (default PG_TEST_URL)  --warm-max 1000  --results FILE
//          --report-only [--merge a.json,b.json] (re-render from saved results)
//          --only mcp (only the MCP server: cold start and round trip; results to .tmp/bench/mcp.json, no report)
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { schemaPair } from './generate-schema.mjs';
import { writeReport } from './report.mjs';
import { median, percentile } from './stats.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const flag = (name) => argv.includes(name);
const quick = flag('--quick');
const sizes = option('--sizes', quick ? '10,100' : '10,100,1000,5000').split(',').map(Number);
const runs = Number(option('--runs', quick ? 1 : 3));
const largeRuns = Number(option('--large-runs', 1));
/** The largest schemas take minutes a run on a shared machine: fewer runs there keep the whole bench near 15 minutes. */
const runsFor = (size) => (size >= 5000 ? Math.min(runs, largeRuns) : size >= 1000 ? Math.min(runs, Math.max(largeRuns, 2)) : runs);
const calls = Number(option('--calls', quick ? 100 : 1000));
const callBudgetMs = Number(option('--call-budget', quick ? 30 : 120)) * 1000;
const validateMax = Number(option('--validate-max', 1000));
const server = option('--server', process.env.PG_TEST_URL);
const work = join(process.cwd(), '.tmp', 'bench');
const resultsFile = option('--results', join(work, 'results.json'));
const warmMax = Number(option('--warm-max', 1000));
/** Up to this size, each size is also loaded through the embedded PostgreSQL once, for comparison. */
const databaseMax = Number(option('--database-max', 1000));

const log = (...parts) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${parts.join(' ')}\n`);

/** Runs a process to its end; wall time from spawn to exit, stdout, and (with the hook) its maxRSS in MB. */
function runProcess(command, args, { rss = false, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const rssFile = rss ? join(work, `rss-${process.pid}-${Math.random().toString(36).slice(2)}.txt`) : undefined;
    const finalArgs = rss ? ['--import', new URL('./rss-hook.mjs', import.meta.url).href, ...args] : args;
    const start = performance.now();
    const child = spawn(command, finalArgs, { env: { ...process.env, ...env, ...(rssFile ? { BENCH_RSS_FILE: rssFile } : {}) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', async (code) => {
      const ms = performance.now() - start;
      const stdout = Buffer.concat(out).toString();
      const stderr = Buffer.concat(err).toString();
      let maxRssMb;
      let cpuMs;
      if (rssFile) {
        const usage = JSON.parse(await readFile(rssFile, 'utf8').catch(() => '{}'));
        maxRssMb = usage.maxRSS / 1024;
        cpuMs = usage.cpu / 1000;
        await rm(rssFile, { force: true });
      }
      resolve({ code, ms, stdout, stderr, maxRssMb, cpuMs });
    });
  });
}

function lastJson(text) {
  const line = text.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  return line ? JSON.parse(line) : undefined;
}

async function loadAverage() {
  const text = await readFile('/proc/loadavg', 'utf8').catch(() => '');
  return text.split(' ').slice(0, 3).join(' ');
}

async function writeSchemas(size) {
  const { from, to } = schemaPair(size);
  const fromFile = join(work, `from-${size}.sql`);
  const toFile = join(work, `to-${size}.sql`);
  await writeFile(fromFile, from);
  await writeFile(toFile, to);
  return { fromFile, toFile, bytes: Buffer.byteLength(from) + Buffer.byteLength(to) };
}

async function measureSize(size, files) {
  const result = { size, bytes: files.bytes, phases: [], cli: [], floor: [], loads: [] };
  for (let r = 0; r < runsFor(size); r++) {
    const args = ['bench/measure-size.mjs', files.fromFile, files.toFile];
    if (size <= validateMax && r === 0) args.push('--validate');
    if (size <= databaseMax && r === 0) args.push('--database');
    if (size > warmMax) args.push('--no-warm');
    if (server) args.push('--server', server);
    const phase = await runProcess(process.execPath, args);
    if (phase.code !== 0) throw new Error(`measure-size ${size} failed: ${phase.stderr.slice(-2000)}`);
    result.phases.push(lastJson(phase.stdout));
    const cli = await runProcess(process.execPath, ['dist/cli/main.js', 'generate-migration', '--from', files.fromFile, '--to', files.toFile, '--allow-data-loss', '--json'], { rss: true });
    if (cli.code !== 0) throw new Error(`generate-migration ${size} failed (${cli.code}): ${cli.stderr.slice(-2000)}`);
    result.cli.push({ ms: cli.ms, cpuMs: cli.cpuMs, maxRssMb: cli.maxRssMb, outputBytes: cli.stdout.length });
    if (size <= databaseMax && r === 0) {
      // The same command with the text reader switched off: both files go through PGlite.
      const viaPglite = await runProcess(process.execPath, ['dist/cli/main.js', 'generate-migration', '--from', files.fromFile, '--to', files.toFile, '--allow-data-loss', '--json'], { rss: true, env: { MIGRATION_GENERATOR_PG_READER: 'database' } });
      if (viaPglite.code !== 0) throw new Error(`generate-migration (database reader) ${size} failed (${viaPglite.code}): ${viaPglite.stderr.slice(-2000)}`);
      if (viaPglite.stdout !== cli.stdout) throw new Error(`generate-migration ${size}: the text and database readers gave different output`);
      result.cliDatabase = [{ ms: viaPglite.ms, cpuMs: viaPglite.cpuMs, maxRssMb: viaPglite.maxRssMb }];
    }
    if (server) {
      const viaServer = await runProcess(process.execPath, ['dist/cli/main.js', 'generate-migration', '--from', files.fromFile, '--to', files.toFile, '--allow-data-loss', '--json', '--scratch-url', server], { rss: true });
      if (viaServer.code !== 0) throw new Error(`generate-migration --scratch-url ${size} failed (${viaServer.code}): ${viaServer.stderr.slice(-2000)}`);
      result.cliServer = [...(result.cliServer ?? []), { ms: viaServer.ms, cpuMs: viaServer.cpuMs, maxRssMb: viaServer.maxRssMb }];
    }
    const floor = await runProcess(process.execPath, ['bench/floor-parse.mjs', files.fromFile, files.toFile], { rss: true });
    if (floor.code !== 0) throw new Error(`floor ${size} failed: ${floor.stderr.slice(-2000)}`);
    result.floor.push({ processMs: floor.ms, processCpuMs: floor.cpuMs, ...lastJson(floor.stdout) });
    log(`size ${size} run ${r + 1}/${runsFor(size)}: generate (process) ${Math.round(cli.ms)} ms (${Math.round(cli.cpuMs)} ms CPU), ${Math.round(cli.maxRssMb)} MB; floor process ${Math.round(floor.ms)} ms; load ${await loadAverage()}`);
  }
  if (server && !flag('--no-peer')) {
    try {
      result.peer = await measurePeer(size, files);
    } catch (error) {
      result.peerError = String(error.message ?? error);
      log(`size ${size}: the peer failed: ${result.peerError}`);
    }
  }
  return result;
}

/** The generated files end every statement at a line end with `;`, so lines are enough to batch them. */
function statementBatches(text, size) {
  const statements = text.split(/;\n/).filter((s) => s.trim() !== '');
  const batches = [];
  for (let i = 0; i < statements.length; i += size) batches.push(`${statements.slice(i, i + size).join(';\n')};`);
  return batches;
}

/** @pgkit/migra needs two live databases: load both files into scratch databases, then diff them. */
async function measurePeer(size, files) {
  const pg = (await import('pg')).default;
  const suffix = `${process.pid}_${size}`;
  const names = [`bench_migra_from_${suffix}`, `bench_migra_to_${suffix}`];
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const urlOf = (name) => {
    const url = new URL(server);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const peer = { load: [], diff: [], diffCpu: [], outputBytes: 0 };
  try {
    for (let r = 0; r < runsFor(size); r++) {
      let loadMs = 0;
      for (const [i, name] of names.entries()) {
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        await admin.query(`CREATE DATABASE ${name}`);
        const client = new pg.Client({ connectionString: urlOf(name) });
        await client.connect();
        const text = await readFile(i === 0 ? files.fromFile : files.toFile, 'utf8');
        const start = performance.now();
        // In batches: one transaction for a whole 5,000-table file runs out of lock slots (max_locks_per_transaction).
        for (const batch of statementBatches(text, 200)) await client.query(batch);
        loadMs += performance.now() - start;
        await client.end();
      }
      peer.load.push(loadMs);
      const diff = await runProcess(process.execPath, ['node_modules/@pgkit/migra/dist/command.js', 'run', urlOf(names[0]), urlOf(names[1]), '--unsafe'], { rss: true });
      if (diff.code !== 0 && diff.code !== 2) throw new Error(`migra ${size} failed (${diff.code}): ${diff.stderr.slice(-2000)}`);
      peer.diff.push(diff.ms);
      peer.diffCpu.push(diff.cpuMs);
      peer.maxRssMb = diff.maxRssMb;
      peer.outputBytes = diff.stdout.length;
      log(`size ${size} run ${r + 1}/${runsFor(size)}: migra load ${Math.round(loadMs)} ms, diff ${Math.round(diff.ms)} ms`);
    }
  } finally {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
    await admin.end();
  }
  return peer;
}

async function measureMcp() {
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
  const connect = async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: ['dist/cli/main.js', 'serve'], stderr: 'ignore' });
    const client = new Client({ name: 'bench', version: '1.0.0' });
    const start = performance.now();
    await client.connect(transport);
    const tools = await client.listTools();
    return { client, ms: performance.now() - start, tools: tools.tools.map((t) => t.name) };
  };
  const coldStart = [];
  let toolNames = [];
  for (let r = 0; r < Math.max(3, runs * 2); r++) {
    const { client, ms, tools } = await connect();
    coldStart.push(ms);
    toolNames = tools;
    await client.close();
  }
  log(`MCP cold start to tools/list: median ${Math.round(median(coldStart))} ms`);
  const files = await writeSchemas(50);
  const tool = 'generate-migration';
  if (!toolNames.includes(tool)) throw new Error(`the server does not list ${tool}`);
  // The same request every time, as an assistant repeating a question: files, PostgreSQL, plain SQL, nothing written.
  const args = { from: files.fromFile, to: files.toFile, dialect: 'postgres', format: 'sql', allowDataLoss: true, timestamp: '0001' };
  const { client } = await connect();
  const call = async () => {
    const start = performance.now();
    const result = await client.callTool({ name: tool, arguments: args }, undefined, { timeout: callBudgetMs });
    const ms = performance.now() - start;
    if (result.isError) throw new Error(`${tool} failed over MCP: ${JSON.stringify(result.content).slice(0, 500)}`);
    return ms;
  };
  const latencies = [];
  let first;
  try {
    // The first call loads both schemas (and starts the embedded PostgreSQL); it is reported apart from the rest.
    first = await call();
    log(`MCP ${tool} first call (50 tables): ${Math.round(first)} ms`);
    const started = performance.now();
    while (latencies.length < calls && performance.now() - started < callBudgetMs) latencies.push(await call());
  } finally {
    await client.close();
  }
  log(`MCP ${tool} round trip (50 tables): ${latencies.length} calls after the first, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
  return { coldStart, tool, first, calls: latencies.length, requestedCalls: calls, p50: percentile(latencies, 50), p99: percentile(latencies, 99), mean: latencies.reduce((a, b) => a + b, 0) / latencies.length };
}

async function versions() {
  const read = async (path) => JSON.parse(await readFile(path, 'utf8')).version;
  const cpu = (await readFile('/proc/cpuinfo', 'utf8').catch(() => '')).match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown';
  let postgres = 'not measured';
  if (server) {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    postgres = (await client.query('SHOW server_version')).rows[0].server_version;
    await client.end();
  }
  const os = await import('node:os');
  return {
    node: process.version,
    self: await read('package.json'),
    migra: await read('node_modules/@pgkit/migra/package.json'),
    libpgQuery: await read('node_modules/libpg-query/package.json'),
    pglite: await read('node_modules/@electric-sql/pglite/package.json'),
    postgres,
    cpu,
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
  };
}

async function main() {
  if (flag('--report-only')) {
    // --merge a.json,b.json: runs of different sizes made apart (e.g. the largest size in a second process).
    const files = option('--merge', resultsFile).split(',');
    const parts = await Promise.all(files.map(async (f) => JSON.parse(await readFile(f, 'utf8'))));
    await writeReport(mergeResults(parts));
    return;
  }
  await mkdir(work, { recursive: true });
  if (option('--only') === 'mcp') {
    const mcp = await measureMcp();
    const file = option('--results', join(work, 'mcp.json'));
    await writeFile(file, JSON.stringify({ began: new Date().toISOString(), loadAverage: await loadAverage(), mcp }, null, 2));
    log(`cold start median ${Math.round(median(mcp.coldStart))} ms; results in ${file}`);
    return;
  }
  const began = new Date();
  const loadBefore = await loadAverage();
  log(`sizes ${sizes.join(',')}, ${runs} run(s) each; load average ${loadBefore}`);
  const results = { began: began.toISOString(), options: { sizes, runs, largeRuns, calls, validateMax, server: Boolean(server) }, loadBefore, machine: await versions(), sizes: [] };
  const save = () => writeFile(resultsFile, JSON.stringify({ ...results, loadAfter: results.loadAfter ?? '(unfinished)', seconds: (Date.now() - began.getTime()) / 1000 }, null, 2));
  for (const size of sizes) {
    results.sizes.push(await measureSize(size, await writeSchemas(size)));
    await save();
  }
  if (!flag('--no-mcp')) results.mcp = await measureMcp();
  results.loadAfter = await loadAverage();
  results.seconds = (Date.now() - began.getTime()) / 1000;
  await writeFile(resultsFile, JSON.stringify(results, null, 2));
  log(`done in ${Math.round(results.seconds)} s; load average ${results.loadAfter}; results in ${resultsFile}`);
  await writeReport(results);
}

/** Several result files → one: sizes in order, the earliest start, the widest load range, MCP from whichever has it. */
function mergeResults(parts) {
  const [first, ...rest] = parts;
  const merged = { ...first, sizes: parts.flatMap((p) => p.sizes).sort((a, b) => a.size - b.size) };
  merged.mcp = parts.find((p) => p.mcp)?.mcp;
  merged.seconds = Math.max(...parts.map((p) => p.seconds ?? 0));
  if (rest.length > 0) {
    merged.loadBefore = parts.map((p) => p.loadBefore).join(' / ');
    merged.loadAfter = parts.map((p) => p.loadAfter).join(' / ');
    merged.parallel = parts.map((p) => p.options.sizes.join(',')).join(' and ');
  }
  return merged;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
