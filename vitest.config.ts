import { defineConfig, type Plugin } from 'vitest/config';

/** `import x from './script.ts?iife'` gives the built file name under @crxjs; in unit tests, a stand-in name. */
export const scriptImports = (): Plugin => ({
  name: 'divert:script-imports',
  enforce: 'pre',
  resolveId: (id) => (/\?(iife|script)/.test(id) ? `\0script:${id}` : null),
  load: (id) =>
    id.startsWith('\0script:')
      ? `export default ${JSON.stringify(id.replace(/^.*\/src\//, 'src/').replace(/\.ts\?.*$/, '.js'))};`
      : null,
});

/** The unit tests, also run alone by the mutation tests (test/mutation/vitest.config.ts). */
export const unitTests = {
  name: 'unit',
  include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
  environment: 'node',
  setupFiles: ['test/setup-psl.ts', 'fake-indexeddb/auto'],
  // A cap, not a wait: a few tests do seconds of real work (zips, floods of 100 events) and took
  // past vitest's 5 s on a 2-core machine kept busy by another process.
  testTimeout: 20_000,
  // The same cap for the hooks that boot a background (vitest's own is 10 s).
  hookTimeout: 20_000,
} as const;

/** e2e specs that need the machine to themselves (see the e2e-alone project). */
const ALONE = ['test/e2e/tooling.spec.ts', 'test/e2e/bench.spec.ts'] as const;

const e2e = {
  globalSetup: ['test/e2e/global-setup.ts'],
  testTimeout: 90_000,
  hookTimeout: 90_000,
  pool: 'forks' as const,
};

export default defineConfig({
  plugins: [scriptImports()],
  test: {
    projects: [
      { extends: true, test: { ...unitTests, include: [...unitTests.include], setupFiles: [...unitTests.setupFiles] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.spec.ts'],
          exclude: [...ALONE],
          ...e2e,
          // Two spec files at a time, each owning its browsers: most of a browser test is waiting
          // for a page, so two share 2 cores well (the suite's time halves).
          fileParallelism: true,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e-alone',
          include: [...ALONE],
          ...e2e,
          // After the others, one at a time: npm start rebuilds dist/e2e-* that every other spec
          // loads, and the bench's smoke run times what it measures.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
