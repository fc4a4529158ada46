import type { Command } from 'commander';
import { FORMAT_IDS } from '../emit/registry.js';
import type { GenerateMigrationOutput } from '../ops/generate-migration.js';
import { UserError } from '../core/errors.js';
import { collect, EXIT_FINDINGS, EXIT_OK, printJson, runCommand, type CommandIo } from './run.js';

export function registerGenerateMigration(program: Command, io: CommandIo, exit: (code: number) => void): void {
  program
    .command('generate-migration')
    .description('Generate up and down migrations that turn the current schema into the desired one')
    .requiredOption('--from <source>', 'current schema: .sql file, folder, inline SQL, - (stdin), or postgres:// URL (read-only)')
    .requiredOption('--to <source>', 'desired schema, same forms as --from')
    .option('--dialect <dialect>', 'postgres | mysql | sqlite', 'postgres')
    .option('--format <format>', `output format: ${FORMAT_IDS.join(' | ')}`, 'sql')
    .option('--name <name>', 'migration name (default: from the first change)')
    .option('--out <dir>', 'write the files into this folder (never overwrites)')
    .option('--timestamp <t>', 'file prefix: digits, an ISO date, or "now" (default: next sequence number in --out)')
    .option('--rename <old=new>', 'confirm a rename (repeatable): users.fullname=users.full_name', collect, [])
    .option('--allow-data-loss', 'emit and write a migration that drops or narrows data')
    .option('--concurrently', 'build indexes on existing tables with CREATE INDEX CONCURRENTLY')
    .option('--validate', 'prove up and down on a scratch database')
    .option('--sample-rows <n>', 'rows per table inserted before validating (0: none)', '3')
    .option('--scratch-url <url>', 'disposable postgres:// or mysql:// server for scratch databases (default: embedded PGlite; SQLite validates in memory)')
    .option('--data-migration <json>', 'a data migration intent as JSON, e.g. {"intent":"backfill","table":"users","column":"plan","constant":"free"}')
    .option('--json', 'print one JSON object')
    .action(async (options) => {
      const code = await runCommand(io, async () => {
        const { generateMigration } = await import('../ops/generate-migration.js');
        const result = await generateMigration(
          {
            from: options.from,
            to: options.to,
            dialect: options.dialect,
            format: options.format,
            name: options.name,
            out: options.out,
            timestamp: options.timestamp,
            renames: options.rename,
            allowDataLoss: Boolean(options.allowDataLoss),
            concurrently: Boolean(options.concurrently),
            validate: Boolean(options.validate),
            sampleRows: Number(options.sampleRows),
            scratchUrl: options.scratchUrl,
            dataMigration: options.dataMigration === undefined ? undefined : parseJsonOption('--data-migration', options.dataMigration),
          },
          { stdin: io.stdin, now: () => new Date() },
        );
        if (options.json) printJson(io, result);
        else io.stdout(renderText(result, options.format !== 'sql'));
        const refused = result.warnings.some((w) => w.code === 'NOT_WRITTEN');
        return refused || result.validation?.ok === false ? EXIT_FINDINGS : EXIT_OK;
      });
      exit(code);
    });
}

function renderText(result: GenerateMigrationOutput, showFiles: boolean): string {
  // A framework format is shown as the files it emits; plain SQL as its up and down.
  const lines = showFiles ? result.files.flatMap((f) => [`==> ${f.path} <==`, f.content.trimEnd(), '']) : [result.up.trimEnd(), '', '-- ---- down ----', result.down.trimEnd()];
  for (const w of result.warnings) lines.push(`${w.severity}: ${w.code}: ${w.message}`);
  for (const path of result.written) lines.push(`wrote ${path}`);
  if (result.dataMigration) lines.push('', '-- ---- data migration, up ----', result.dataMigration.up.trimEnd(), '', '-- ---- data migration, down ----', result.dataMigration.down.trimEnd());
  if (result.validation) {
    lines.push(`validation: ${result.validation.ok ? 'ok' : 'FAILED'} (${result.validation.engine})`);
    for (const s of result.validation.steps) lines.push(`  ${s.ok ? 'ok' : 'FAIL'} ${s.name}${s.error ? `: ${s.error}` : ''}${(s.differences ?? []).map((d) => `\n    - ${d}`).join('')}`);
  }
  return `${lines.join('\n')}\n`;
}

function parseJsonOption(option: string, text: string): never {
  try {
    return JSON.parse(text) as never;
  } catch (error) {
    throw new UserError('BAD_INPUT', `${option} is not JSON: ${(error as Error).message}`);
  }
}
