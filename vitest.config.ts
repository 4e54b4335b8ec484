import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code; e2e and protocol tests live under test/.
// e2e tests run the built CLI (dist/), so `npm run build` comes first (npm run check does it).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/reliability/**', 'node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
