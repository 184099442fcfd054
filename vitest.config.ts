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
} as const;

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
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Browsers are heavy on 2 cores: one spec file at a time, each owning its browser.
          fileParallelism: false,
          pool: 'forks',
        },
      },
    ],
  },
});
