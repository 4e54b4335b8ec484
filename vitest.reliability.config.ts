import { defineConfig } from 'vitest/config';

// `npm run test:reliability`: faults, crashes, concurrency, hostile input and hostile servers, bounded in
// time and seeded so a failure reproduces. Part of CI; prints its figures.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
