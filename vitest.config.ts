import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e suites spawn the bundle as child processes; two cores, so keep file-level parallelism modest
    maxWorkers: 2,
    reporters: ['default']
  }
})
