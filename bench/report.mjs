// Results (from bench/run.mjs) → BENCHMARKS.md and benchmarks.svg. Medians of the runs throughout.
import { readFile, writeFile } from 'node:fs/promises';
import { logLogPlot } from './plot.mjs';
import { median } from './stats.mjs';

const ms = (v) => (v === undefined ? '–' : v >= 10000 ? `${(v / 1000).toFixed(1)} s` : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : v >= 10 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`);
const mb = (v) => (v === undefined || Number.isNaN(v) ? '–' : `${Math.round(v)} MB`);
const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`);
const versus = (ours, peer) => (ours === undefined || peer === undefined ? '–' : peer >= ours ? `${ratio(peer, ours)} faster` : `${ratio(ours, peer)} slower`);
const phase = (s, key) => median(s.phases.map((p) => p.times[key]));

/** Per size, the medians every table and the plot use. */
export function summarize(s) {
  const peerLoad = s.peer ? median(s.peer.load) : undefined;
  const peerDiff = s.peer ? median(s.peer.diff) : undefined;
  return {
    size: s.size,
    kb: s.bytes / 1024,
    statements: s.phases[0]?.statements ?? '–',
    changes: s.phases[0]?.changes ?? '–',
    partial: s.partial === true,
    peerError: s.peerError,
    steps: s.phases[0]?.steps,
    parse: phase(s, 'parse'),
    read: phase(s, 'read'),
    pgliteStart: phase(s, 'pgliteStart'),
    load: phase(s, 'load'),
    diff: phase(s, 'diff'),
    plan: phase(s, 'plan'),
    emit: phase(s, 'emit'),
    generateWarm: phase(s, 'generateWarm'),
    validatePglite: phase(s, 'validatePglite'),
    validateServer: phase(s, 'validateServer'),
    cli: median(s.cli.map((c) => c.ms)),
    cliCpu: median(s.cli.map((c) => c.cpuMs)),
    cliDatabase: s.cliDatabase ? median(s.cliDatabase.map((c) => c.ms)) : undefined,
    cliDatabaseCpu: s.cliDatabase ? median(s.cliDatabase.map((c) => c.cpuMs)) : undefined,
    cliDatabaseRss: s.cliDatabase ? median(s.cliDatabase.map((c) => c.maxRssMb)) : undefined,
    cliServer: s.cliServer ? median(s.cliServer.map((c) => c.ms)) : undefined,
    cliServerCpu: s.cliServer ? median(s.cliServer.map((c) => c.cpuMs)) : undefined,
    cliServerRss: s.cliServer ? median(s.cliServer.map((c) => c.maxRssMb)) : undefined,
    floorCpu: median(s.floor.map((f) => f.processCpuMs)),
    peerDiffCpu: s.peer?.diffCpu ? median(s.peer.diffCpu) : undefined,
    cliRss: median(s.cli.map((c) => c.maxRssMb)),
    floorParse: median(s.floor.map((f) => f.parseMs)),
    floorProcess: median(s.floor.map((f) => f.processMs)),
    floorRss: median(s.floor.map((f) => f.maxRssMb)),
    peerLoad,
    peerDiff,
    peerTotal: peerLoad !== undefined && peerDiff !== undefined ? peerLoad + peerDiff : undefined,
    peerRss: s.peer?.maxRssMb,
  };
}

function growth(rows, key, a = 1000, b = 5000) {
  const ra = rows.find((r) => r.size === a);
  const rb = rows.find((r) => r.size === b);
  if (!ra || !rb || ra[key] === undefined || rb[key] === undefined) return undefined;
  return rb[key] / ra[key];
}

function targets(rows, results) {
  const at = (size) => rows.find((r) => r.size === size);
  const t1000 = at(1000);
  const t5000 = at(5000);
  const list = [];
  const add = (target, measured, met) => list.push(`| ${target} | ${measured} | ${met === undefined ? 'not measured' : met ? 'met' : '**missed**'} |`);
  add('end to end (process) ≥ 10× faster than peer load + diff, 1,000 tables', t1000?.peerTotal ? `${ratio(t1000.peerTotal, t1000.cli)} faster (${ms(t1000.cli)} vs ${ms(t1000.peerTotal)})` : '–', t1000?.peerTotal ? t1000.peerTotal / t1000.cli >= 10 : undefined);
  add('end to end within 2× of the bare parse process, 1,000 tables', t1000 ? `${ratio(t1000.cli, t1000.floorProcess)} wall (${ms(t1000.cli)} vs ${ms(t1000.floorProcess)}); ${ratio(t1000.cliCpu, t1000.floorCpu)} CPU (${ms(t1000.cliCpu)} vs ${ms(t1000.floorCpu)})` : '–', t1000 ? t1000.cli / t1000.floorProcess <= 2 : undefined);
  const g = growth(rows, 'cli');
  const gc = growth(rows, 'cliCpu');
  add('time grows no worse than linearly, 1,000 → 5,000 tables (5× the tables)', g ? `${g.toFixed(1)}× the wall time, ${gc ? gc.toFixed(1) : '–'}× the CPU time` : '–', gc ? gc <= 5.5 : undefined);
  const gm = growth(rows, 'cliRss');
  add('memory grows no worse than linearly, 1,000 → 5,000', gm ? `${gm.toFixed(1)}× the peak` : '–', gm ? gm <= 5.5 : undefined);
  add('5,000 tables under 500 MB peak', t5000 ? mb(t5000.cliRss) : '–', t5000 ? t5000.cliRss < 500 : undefined);
  const mcp = results.mcp;
  add('MCP cold start to first tools/list < 500 ms', mcp ? ms(median(mcp.coldStart)) : '–', mcp ? median(mcp.coldStart) < 500 : undefined);
  add(`p50 round trip < 20 ms, 50 tables${mcp && mcp.tool !== 'generate-migration' ? ` (${mcp.tool})` : ''}`, mcp ? ms(mcp.p50) : '–', mcp ? mcp.p50 < 20 : undefined);
  return list;
}

export async function writeReport(results, { markdownFile = 'BENCHMARKS.md', svgFile = 'benchmarks.svg' } = {}) {
  const rows = results.sizes.map(summarize);
  const m = results.machine;
  const findings = await readFile(new URL('./findings.md', import.meta.url), 'utf8').catch(() => '');
  const lines = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\` (bench/run.mjs) on ${results.began.slice(0, 16).replace('T', ' ')} UTC; runs per size: ${results.sizes.map((s) => `${s.size} tables ${s.cli.length}`).join(', ')}; medians shown; the whole run took ${Math.round(results.seconds / 60)} min.`,
    '',
    ...(results.parallel ? [`Sizes ${results.parallel} were measured by separate bench runs (\`--report-only --merge\`); the load averages below are those of each run.`, ''] : []),
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, shared with other work: load average ${results.loadBefore} before and ${results.loadAfter} after (1, 5, 15 min); wall times include waiting for a core, CPU times do not.`,
    `Node ${m.node}; migration-generator ${m.self}; libpg-query ${m.libpgQuery}; PGlite ${m.pglite}; PostgreSQL server ${m.postgres}; peer @pgkit/migra ${m.migra}.`,
    '',
    'Schemas: bench/generate-schema.mjs, seeded and deterministic: 5–30 columns a table (identity keys, enums, text, numerics, jsonb, timestamps, defaults, checks), 1–3 indexes plus one per foreign key, 0–3 foreign keys to earlier tables, comments, a few views. The desired schema touches about 10% of the tables (columns added, dropped, retyped, NOT NULL toggled, indexes and foreign keys added and dropped), adds 1% new tables, drops one, extends an enum and redefines a view.',
    '',
    '![time against schema size, log-log](benchmarks.svg)',
    '',
    '## Targets',
    '',
    '| target | measured | |',
    '|---|---|---|',
    ...targets(rows, results),
    '',
    '## generate-migration by phase (in one process per size)',
    '',
    'Read = both files parsed by the PostgreSQL parser and turned into the schema model from the text (the default for two PostgreSQL SQL sources). Warm = `generateMigration()` again in the same process. Process = `node dist/cli/main.js generate-migration --json` from spawn to exit, with its peak resident memory. For comparison, the same files loaded the other way (run on the embedded PostgreSQL, PGlite, and read back from its catalog; its first start shown apart), and the whole process with that reader (`MIGRATION_GENERATOR_PG_READER=database`) and with a server scratch database (`--scratch-url`). The bench checks that both readers give byte-identical output.',
    '',
    '| tables | SQL (both) | statements | changes | read | diff | plan | emit | warm | **process** | process CPU | peak RSS | PGlite start | load via PGlite | process via PGlite | its CPU | its peak RSS | process, `--scratch-url` server | its CPU | its peak RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.size} | ${Math.round(r.kb)} KB | ${r.statements} | ${r.changes} | ${ms(r.read)} | ${ms(r.diff)} | ${ms(r.plan)} | ${ms(r.emit)} | ${ms(r.generateWarm)} | **${ms(r.cli)}** | ${ms(r.cliCpu)} | ${mb(r.cliRss)} | ${ms(r.pgliteStart)} | ${ms(r.load)} | ${ms(r.cliDatabase)} | ${ms(r.cliDatabaseCpu)} | ${mb(r.cliDatabaseRss)} | ${ms(r.cliServer)} | ${ms(r.cliServerCpu)} | ${mb(r.cliServerRss)} |`),
    '',
    'CPU = user + system time of the process (from `process.resourceUsage()`): on a shared machine it is the steadier figure, since wall time includes waiting for a core.',
    '',
    '## Side by side: the peer and the parse floors',
    '',
    'Peer: `@pgkit/migra` needs two live databases: both files are loaded into two fresh databases on the PostgreSQL server (load), then its CLI diffs them (diff, whole process). Floors: libpg-query `parseSync` on both files in one process (in-process), and a bare `node` process that only loads the parser and parses both files (process).',
    '',
    '| tables | ours (process) | ours, `--scratch-url` | peer load | peer diff (process) | peer load + diff | ours vs peer | ours, `--scratch-url`, vs peer | parse floor (in-process) | parse floor (process) | ours ÷ parse floor (process) | same, CPU time |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.size} | ${ms(r.cli)} | ${ms(r.cliServer)} | ${ms(r.peerLoad)} | ${ms(r.peerDiff)} | ${ms(r.peerTotal)} | ${versus(r.cli, r.peerTotal)} | ${versus(r.cliServer, r.peerTotal)} | ${ms(r.floorParse)} | ${ms(r.floorProcess)} | ${ratio(r.cli, r.floorProcess)} | ${ratio(r.cliCpu, r.floorCpu)} (${ms(r.cliCpu)} vs ${ms(r.floorCpu)}) |`),
    '',
    ...rows.filter((r) => r.peerError).map((r) => `${r.size} tables, peer: not measured (${r.peerError}).`),
    '',
    'The peer\'s diff CPU time (its own process; the server\'s work while it introspects is not counted): ' + rows.filter((r) => r.peerDiffCpu).map((r) => `${r.size} tables ${ms(r.peerDiffCpu)}`).join(', ') + '.',
    '',
    '## Validation (up, compare, down, compare, with 3 sample rows a table; first run of each size)',
    '',
    '| tables | PGlite | PostgreSQL server |',
    '|---:|---:|---:|',
    ...rows.filter((r) => r.validatePglite !== undefined).map((r) => `| ${r.size} | ${ms(r.validatePglite)} | ${ms(r.validateServer)} |`),
    '',
  ];
  if (results.mcp) {
    const mcp = results.mcp;
    lines.push(
      '## MCP server over stdio',
      '',
      `| measure | median / percentile |`,
      '|---|---:|',
      `| cold start: spawn \`node dist/cli/main.js serve\` → first tools/list answer (${mcp.coldStart.length} starts) | ${ms(median(mcp.coldStart))} |`,
      `| \`${mcp.tool}\` round trip, 50 tables, p50 (${mcp.calls} calls${mcp.calls < mcp.requestedCalls ? ` of ${mcp.requestedCalls} asked: the time budget ran out` : ''}) | ${ms(mcp.p50)} |`,
      `| same, p99 | ${ms(mcp.p99)} |`,
      ...(mcp.first !== undefined ? [`| first call, apart (loads both schemas; later calls reuse them while the files are unchanged) | ${ms(mcp.first)} |`] : []),
      '',
    );
    if (mcp.tool !== 'generate-migration') lines.push(`The server on this branch does not list a \`generate-migration\` tool yet, so the round trip was measured with \`${mcp.tool}\`, which does the same loading and diffing (the bulk of the time) without planning and emitting.`, '');
  }
  lines.push('## Growth', '', '| from → to | tables | process time | process CPU | peak RSS | read | diff | plan |', '|---|---:|---:|---:|---:|---:|---:|---:|');
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    const g = (k) => (a[k] && b[k] ? `${(b[k] / a[k]).toFixed(1)}×` : '–');
    lines.push(`| ${a.size} → ${b.size} | ${(b.size / a.size).toFixed(0)}× | ${g('cli')} | ${g('cliCpu')} | ${g('cliRss')} | ${g('read')} | ${g('diff')} | ${g('plan')} |`);
  }
  lines.push('');
  if (findings.trim()) lines.push(findings.trim(), '');
  lines.push(`Re-run: \`npm run bench\` (this run took ${Math.round(results.seconds / 60)} minutes), \`npm run bench -- --quick\` (sizes 10 and 100, one run), \`npm run bench -- --sizes 10,100,1000 --runs 5\`; the real server is used for the peer and for server validation when \`PG_TEST_URL\` (or \`--server URL\`) is set. Raw figures of a run: \`.tmp/bench/results.json\`; \`npm run bench -- --report-only\` renders them again; the figures on this page are kept in \`bench/results/\`.`, '');
  await writeFile(markdownFile, lines.join('\n'));
  const series = [
    { name: 'ours: whole process', points: rows.map((r) => [r.size, r.cli]) },
    { name: 'ours: process CPU', points: rows.map((r) => [r.size, r.cliCpu]), dashed: true },
    { name: 'ours: process, server scratch', points: rows.filter((r) => r.cliServer).map((r) => [r.size, r.cliServer]) },
    { name: 'ours: read (text)', points: rows.filter((r) => r.read).map((r) => [r.size, r.read]) },
    { name: 'ours: process, reading through PGlite', points: rows.filter((r) => r.cliDatabase).map((r) => [r.size, r.cliDatabase]) },
    { name: 'ours: diff+plan+emit', points: rows.map((r) => [r.size, (r.diff ?? 0) + (r.plan ?? 0) + (r.emit ?? 0)]) },
    { name: 'peer: load + diff', points: rows.filter((r) => r.peerTotal).map((r) => [r.size, r.peerTotal]) },
    { name: 'peer: diff only', points: rows.filter((r) => r.peerDiff).map((r) => [r.size, r.peerDiff]), dashed: true },
    { name: 'floor: parse process', points: rows.map((r) => [r.size, r.floorProcess]), dashed: true },
    { name: 'floor: parse in-process', points: rows.map((r) => [r.size, r.floorParse]), dashed: true },
  ].filter((s) => s.points.length > 0);
  await writeFile(svgFile, logLogPlot({ title: 'generate-migration vs @pgkit/migra and the parse floor (medians)', xLabel: 'tables in the schema', yLabel: 'time', series }));
}
