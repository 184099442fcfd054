import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { tldts: 'tldts/dist/index.esm.min.js' } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'], environment: 'node' },
      },
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
