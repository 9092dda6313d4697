import { defineConfig } from 'vitest/config'

// The tests StrykerJS runs against each mutant: those that import src/ in-process. End-to-end,
// contract, bench and reliability suites that spawn dist/index.js or Prism never see a mutant in
// src/ (it does not reach dist/), and the PEM suites are slow and cover src/pem/, which is not mutated.
export default defineConfig({
  test: {
    include: ['__tests__/unit/**/*.test.ts', '__tests__/reliability/fuzz.test.ts'],
    // workflows.test.ts spawns the action validator; docs and metadata only read files.
    exclude: ['__tests__/unit/workflows.test.ts', '__tests__/unit/docs.test.ts', '__tests__/unit/action-metadata.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default']
  }
})
