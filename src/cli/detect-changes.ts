import type { Command } from 'commander';
import { collect, EXIT_OK, printJson, runCommand, type CommandIo } from './run.js';

export function registerDetectChanges(program: Command, io: CommandIo, exit: (code: number) => void): void {
  program
    .command('detect-changes')
    .description('Compare a current and a desired schema and report every change')
    .requiredOption('--from <source>', 'current schema: .sql file, folder, schema.prisma, inline SQL, - (stdin), or database URL')
    .requiredOption('--to <source>', 'desired schema, same forms as --from')
    .option('--dialect <dialect>', 'postgres | mysql | sqlite', 'postgres')
    .option('--rename <old=new>', 'confirm a rename (repeatable): users.fullname=users.full_name', collect, [])
    .option('--strict', 'refuse when a source holds objects the model does not represent')
    .option('--scratch-url <url>', 'disposable postgres:// or mysql:// server for scratch databases (default: embedded PGlite / in-memory SQLite)')
    .option('--json', 'print one JSON object')
    .option('--diagram', 'add a Mermaid erDiagram of the tables touched')
    .action(async (options) => {
      const code = await runCommand(io, async () => {
        const { detectChanges } = await import('../ops/detect-changes.js');
        const { renderDetectChanges } = await import('../ops/render-detect-changes.js');
        const result = await detectChanges(
          { from: options.from, to: options.to, dialect: options.dialect, renames: options.rename, strict: Boolean(options.strict), diagram: Boolean(options.diagram), scratchUrl: options.scratchUrl },
          { stdin: io.stdin },
        );
        if (options.json) printJson(io, result);
        else io.stdout(renderDetectChanges(result));
        return EXIT_OK;
      });
      exit(code);
    });
}
