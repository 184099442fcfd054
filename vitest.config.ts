import { defineConfig, type Plugin } from 'vitest/config';
import LongestFirst from './test/e2e/sequencer.ts';

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

/**
 * e2e specs that change the machine for every browser on it: managed.spec writes the enterprise
 * policy files Chromium and Firefox read at start (/etc/chromium/policies, Firefox's distribution
 * folder), so a browser another spec started meanwhile came up with managed presets (seen: its
 * options page listing them, a tab never diverted).
 */
const MACHINE_WIDE = ['test/e2e/managed.spec.ts'];

const e2e = {
  globalSetup: ['test/e2e/global-setup.ts'],
  testTimeout: 90_000,
  hookTimeout: 90_000,
  pool: 'forks' as const,
};

export default defineConfig({
  plugins: [scriptImports()],
  test: {
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { ...unitTests, include: [...unitTests.include], setupFiles: [...unitTests.setupFiles] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.spec.ts'],
          exclude: MACHINE_WIDE,
          ...e2e,
          // Two files at a time: each starts its own browsers and sandbox; the browsers keep both
          // cores busy, so more workers only make each file slower.
          fileParallelism: true,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        // After the others, with nothing beside it.
        test: { name: 'e2e-alone', include: MACHINE_WIDE, ...e2e, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
