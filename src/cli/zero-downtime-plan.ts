import type { Command } from 'commander';
import type { ZeroDowntimePlanOutput } from '../ops/zero-downtime-plan.js';
import { collect, EXIT_FINDINGS, EXIT_OK, printJson, runCommand, type CommandIo } from './run.js';

export function registerZeroDowntimePlan(program: Command, io: CommandIo, exit: (code: number) => void): void {
  program
    .command('zero-downtime-plan')
    .description('Plan a PostgreSQL schema change as expand / backfill / validate / contract phases with the deploys between them')
    .requiredOption('--from <source>', 'current schema: .sql file, folder, inline SQL, - (stdin), or postgres:// URL (read-only)')
    .requiredOption('--to <source>', 'desired schema, same forms as --from')
    .option('--dialect <dialect>', 'postgres (the only dialect with zero-downtime plans)', 'postgres')
    .option('--rename <old=new>', 'confirm a rename (repeatable): users.fullname=users.full_name', collect, [])
    .option('--name <name>', 'migration name (default: from the first change)')
    .option('--out <dir>', 'write one up (and down) file per phase into this folder (never overwrites)')
    .option('--timestamp <t>', 'file prefix: digits, an ISO date, or "now" (default: next sequence number in --out)')
    .option('--lock-timeout <t>', 'lock_timeout of every phase', '2s')
    .option('--batch-size <n>', 'rows per backfill batch', '1000')
    .option('--json', 'print one JSON object')
    .action(async (options) => {
      const code = await runCommand(io, async () => {
        const { zeroDowntimePlan } = await import('../ops/zero-downtime-plan.js');
        const result = await zeroDowntimePlan(
          {
            from: options.from,
            to: options.to,
            dialect: options.dialect,
            renames: options.rename,
            name: options.name,
            out: options.out,
            timestamp: options.timestamp,
            lockTimeout: options.lockTimeout,
            batchSize: Number(options.batchSize),
          },
          { stdin: io.stdin, now: () => new Date() },
        );
        if (options.json) printJson(io, result);
        else io.stdout(renderText(result));
        return result.warnings.some((w) => w.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
      });
      exit(code);
    });
}

function renderText(result: ZeroDowntimePlanOutput): string {
  const lines: string[] = [];
  if (result.phases.length === 0) lines.push('-- no changes: nothing to roll out');
  result.phases.forEach((phase, i) => {
    for (const deploy of phase.before) lines.push(`-- ==== deploy: ${deploy}`);
    lines.push(`-- ==== phase ${i + 1}: ${phase.id} ====`, phase.up.trimEnd(), '');
  });
  lines.push('-- rollout:', ...result.rollout.map((r, i) => `--   ${i + 1}. ${r}`));
  for (const w of result.warnings) lines.push(`${w.severity}: ${w.code}: ${w.message}`);
  for (const path of result.written) lines.push(`wrote ${path}`);
  return `${lines.join('\n')}\n`;
}
