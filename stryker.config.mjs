// Mutation testing of the safety-critical modules: `npm run mutate` (see CONTRIBUTING.md).
// A re-run only tries the mutants whose code or covering tests changed (incremental, the cache is
// reports/stryker-incremental.json, kept out of git). Equivalent mutants are accepted one by one
// with a `// Stryker disable next-line <mutator>: reason` comment beside the code, never in bulk.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  mutate: [
    'src/operations/rotate.ts',
    'src/operations/delete.ts',
    'src/operations/upload.ts',
    'src/operations/associate.ts',
    'src/operations/lookup.ts',
    'src/cloudflare/http.ts',
    'src/cloudflare/mtls.ts',
    'src/cloudflare/hostnames.ts',
    'src/cloudflare/errors.ts',
    'src/cloudflare/path.ts',
    'src/inputs.ts',
    'src/expiry.ts',
    // What the trust work (issue 18) added to build paths, keep to the workspace and escape strings.
    'src/workspace.ts',
    'src/text.ts'
  ],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['html', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 90, low: 85, break: 85 },
  // The machine is shared (2 cores): one test runner; raise it with --concurrency on a free machine.
  concurrency: 1,
  timeoutMS: 10_000,
  ignorePatterns: ['dist', 'bench', 'docs', 'coverage', '.tmp'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always'
}
