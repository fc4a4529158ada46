import type { Command } from 'commander';
import type { LintMigrationOutput } from '../ops/lint-migration.js';
import { collect, EXIT_FINDINGS, EXIT_OK, printJson, runCommand, type CommandIo } from './run.js';

export function registerLintMigration(program: Command, io: CommandIo, exit: (code: number) => void): void {
  program
    .command('lint-migration')
    .description('Name the hazards in PostgreSQL migration SQL: data loss, locks, rewrites, breaking changes')
    .argument('[files...]', 'migration .sql files, in order; - reads standard input')
    .option('--pg-version <n>', 'PostgreSQL major version the migration targets', '15')
    .option('--disable <rule>', 'switch a rule off (repeatable)', collect, [])
    .option('--json', 'print one JSON object')
    .action(async (files: string[], options) => {
      const code = await runCommand(io, async () => {
        const fromStdin = files.includes('-');
        const { lintMigration } = await import('../ops/lint-migration.js');
        const result = await lintMigration({
          sql: fromStdin ? await io.stdin() : undefined,
          files: files.filter((f) => f !== '-'),
          pgVersion: Number(options.pgVersion),
          disable: options.disable,
        });
        if (options.json) printJson(io, result);
        else io.stdout(renderFindings(result));
        return result.summary.errors > 0 ? EXIT_FINDINGS : EXIT_OK;
      });
      exit(code);
    });
}

function renderFindings(result: LintMigrationOutput): string {
  const lines = result.findings.map((f) => {
    const where = `${f.file ?? '<input>'}:${f.line}:${f.column}`;
    const help = f.suggestion ? `\n    suggestion: ${f.suggestion.replace(/\n/g, '\n    ')}` : '';
    return `${where}: ${f.severity} ${f.rule}: ${f.message}${help}`;
  });
  const { errors, warnings, infos } = result.summary;
  lines.push(`${errors} errors, ${warnings} warnings, ${infos} notes`);
  return `${lines.join('\n')}\n`;
}
