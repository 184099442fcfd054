/**
 * Mutation tests of the guard modules (`npm run mutation`, not part of `npm test`: a few minutes
 * per module on 2 cores). Each mutant is a small change to a guard (a `<` made `<=`, a check
 * removed); a test must fail for it, or the guard's tests could not tell it was gone.
 * The report: docs/mutation.md (score per module, every survivor killed or explained).
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  // A mutant of a module-level constant (the namespace and domain patterns, the forbidden header
  // list) is "static": it runs every related test instead of the ones that cover it. Those constants
  // are the guards themselves, so they stay in the run (no `ignoreStatic`), and Stryker's advice to
  // ignore them is not printed as a warning.
  warnings: { slow: false },
  mutate: [
    'src/core/share-link.ts',
    'src/core/baggage.ts',
    'src/core/baggage-merge.ts',
    'src/core/url.ts',
    'src/core/domain.ts',
    'src/core/namespace.ts',
    'src/core/schema.ts',
    'src/core/settings-schema.ts',
    'src/core/presets.ts',
    'src/core/served.ts',
    'src/core/request-log.ts',
    'src/core/request-log-budget.ts',
    'src/core/deploy-news.ts',
    'src/core/okteto-instances.ts',
    'src/core/rules.ts',
    'src/background/keep-page-baggage-rules.ts',
  ],
  ignorePatterns: ['dist', 'artifacts', 'reports', 'docs', 'bench', '.stryker-tmp*', 'test/fixtures/release-0.1.0'],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  // The survivors and the score table; not the list of every unit test, thousands of lines.
  clearTextReporter: { reportTests: false },
  jsonReporter: { fileName: 'artifacts/mutation/mutation.json' },
  htmlReporter: { fileName: 'artifacts/mutation/mutation.html' },
  thresholds: { high: 90, low: 85, break: 85 },
  concurrency: 2,
  timeoutMS: 20000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
