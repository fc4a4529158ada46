/** Runs the CLI in process, the way the binary does, with its output captured. */
import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/run.js';

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[], stdin = ''): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stdin: async () => stdin };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
