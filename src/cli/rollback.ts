import type { Command } from 'commander';
import type { RollbackOutput } from '../ops/rollback.js';
import { EXIT_FINDINGS, EXIT_OK, printJson, runCommand, type CommandIo } from './run.js';

export function registerRollback(program: Command, io: CommandIo, exit: (code: number) => void): void {
  program
    .command('rollback')
    .description('Write the down migration of an up migration: exact with the schema before it, statement by statement without')
    .option('--migration <file>', 'the up migration (.sql)')
    .option('--from <source>', 'schema before the migration: .sql file, folder, inline SQL, - (stdin), or postgres:// URL (read-only)')
    .option('--folder <dir>', 'a migrations folder: roll back its last --last migrations')
    .option('--last <n>', 'with --folder: how many migrations to roll back', '1')
    .option('--keep-data', 'also write an up that backs up what it drops, and a down that restores it (needs --from)')
    .option('--no-verify', 'do not prove the down on the scratch database')
    .option('--scratch-url <url>', 'disposable PostgreSQL server for scratch databases (default: embedded PGlite)')
    .option('--json', 'print one JSON object')
    .action(async (options) => {
      const code = await runCommand(io, async () => {
        const { rollback } = await import('../ops/rollback.js');
        const result = await rollback(
          {
            migration: options.migration,
            from: options.from,
            folder: options.folder,
            last: Number(options.last),
            keepData: Boolean(options.keepData),
            verify: options.verify !== false,
            scratchUrl: options.scratchUrl,
          },
          { stdin: io.stdin },
        );
        if (options.json) printJson(io, result);
        else io.stdout(renderText(result));
        return result.irreversible.length > 0 || result.verified?.ok === false ? EXIT_FINDINGS : EXIT_OK;
      });
      exit(code);
    });
}

function renderText(result: RollbackOutput): string {
  const lines: string[] = [];
  if (result.up) lines.push('-- ---- data-keeping up ----', result.up.trimEnd(), '', '-- ---- down ----');
  lines.push(result.down.trimEnd());
  for (const i of result.irreversible) lines.push(`irreversible: ${i.file ? `${i.file}${i.line ? `:${i.line}` : ''}: ` : i.line ? `line ${i.line}: ` : ''}${i.reason}`);
  for (const w of result.warnings) lines.push(`${w.severity}: ${w.code}: ${w.message}`);
  if (result.verified) lines.push(`verified: ${result.verified.ok ? 'the down restores the schema before' : `FAILED: ${result.verified.differences.join('; ')}`}`);
  return `${lines.join('\n')}\n`;
}
