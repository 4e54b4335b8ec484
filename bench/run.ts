// `npm run bench`: runs every benchmark in bench/ (compiled to dist/bench) one after another, each in its own
// process so one's memory does not colour another's peak RSS, and prints their figures. Targets live here,
// in benchmarks, never in timed tests.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== 'run.js' && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n=== bench ${file.replace(/\.js$/, '')} ===`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--expose-gc', join(here, file)], { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    failed += 1;
    console.log(`--- ${file}: FAILED (exit ${String(result.status)}) after ${seconds}s`);
  } else {
    console.log(`--- ${file}: done in ${seconds}s`);
  }
}
console.log(`\n${benches.length - failed} benchmarks ran, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
