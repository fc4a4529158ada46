import type { Command } from 'commander';
import { EXIT_FINDINGS, EXIT_OK, printJson, runCommand, type CommandIo } from './run.js';

export function registerValidateMigration(program: Command, io: CommandIo, exit: (code: number) => void): void {
  program
    .command('validate-migration')
    .description('Apply up then down on a scratch database and check the schemas and rows they leave')
    .requiredOption('--from <source>', 'schema before the migration: .sql file, folder, inline SQL, or postgres:// URL (read-only)')
    .requiredOption('--up <file>', 'up migration (.sql)')
    .requiredOption('--down <file>', 'down migration (.sql)')
    .option('--to <source>', 'schema the up migration must produce')
    .option('--dialect <dialect>', 'postgres | mysql | sqlite', 'postgres')
    .option('--database-url <url>', 'postgres:// or mysql:// server to create the scratch database on (a fresh database, dropped afterwards); SQLite runs in memory')
    .option('--sample-rows <n>', 'rows per table inserted before up (0: none)', '3')
    .option('--json', 'print one JSON object')
    .action(async (options) => {
      const code = await runCommand(io, async () => {
        const { validateMigrationOp } = await import('../ops/validate-migration.js');
        const result = await validateMigrationOp(
          { from: options.from, up: options.up, down: options.down, to: options.to, dialect: options.dialect, databaseUrl: options.databaseUrl, sampleRows: Number(options.sampleRows) },
          { stdin: io.stdin },
        );
        if (options.json) printJson(io, result);
        else {
          io.stdout(`validation: ${result.ok ? 'ok' : 'FAILED'} (${result.engine})\n`);
          for (const s of result.steps) io.stdout(`  ${s.ok ? 'ok' : 'FAIL'} ${s.name}${s.error ? `: ${s.error}` : ''}${(s.differences ?? []).map((d) => `\n    - ${d}`).join('')}\n`);
          for (const t of result.sampleRows?.skipped ?? []) io.stdout(`  no sample rows in ${t.table}: ${t.reason}\n`);
        }
        return result.ok ? EXIT_OK : EXIT_FINDINGS;
      });
      exit(code);
    });
}
