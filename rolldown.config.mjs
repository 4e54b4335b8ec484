// The shipped CLI as one bundle (dist/cli/), built after tsc from its output (npm run build): a command loaded
// ~210 files one by one (open, stat, read, resolve, link each), about 130 ms of CPU on this 2-core machine before
// and around its first requests; bundled, a plan's main thread is busy ~130 ms less and its first request leaves
// ~25 ms sooner (bench/plan-cli --compare). dist/src stays the library and the Action's code.
// - The parse worker is its own entry beside the chunks: parse-off-thread finds it as ./parse-worker.js next to
//   the chunk it is in, so every chunk sits in dist/cli/ too.
// - undici stays outside: undici-agent.ts loads two of its files by path (createRequire), not its index.
// - Lazy imports (the simulator, listr2, the --serve server) stay lazy: each becomes a chunk loaded when used.
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: { main: 'dist/src/cli/main.js', 'parse-worker': 'dist/src/config/parse-worker.js' },
  platform: 'node',
  external: [/^node:/, /^undici(\/|$)/],
  output: { dir: 'dist/cli', format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', cleanDir: true },
  logLevel: 'warn',
});
