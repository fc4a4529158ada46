// Preloaded with --import: writes the process's peak resident memory (KB) and CPU time (µs) to
// BENCH_RSS_FILE at exit, as JSON.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRSS: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime }));
  });
}
