import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'bench/**/*.test.ts',
      'tooling/**/*.test.ts',
    ],
    // Servers, child processes and real databases make some suites slow on a 2-core machine;
    // the limit here is a hang guard, not a performance threshold.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
