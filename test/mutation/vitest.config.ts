import { defineConfig } from 'vitest/config';
import { scriptImports, unitTests } from '../../vitest.config';

/**
 * The unit project alone, for StrykerJS (`npm run mutation`): its vitest runner runs every project
 * of the config it is given, and the e2e project would start browsers for each mutant. The two
 * fuzz suites drive whole backgrounds through thousands of seeded inputs: under Stryker's coverage
 * instrumentation one run takes minutes, and each guard module has its own colocated tests.
 *
 * `MUTATION_TESTS` (comma-separated globs) narrows the run to a module's own test files, for one
 * module at a time on a busy machine (docs/mutation.md). Fewer tests can only kill fewer mutants,
 * so a score measured that way is a lower bound of the whole suite's.
 */
const only = process.env.MUTATION_TESTS?.split(',').filter(Boolean);

export default defineConfig({
  plugins: [scriptImports()],
  test: {
    ...unitTests,
    include: only?.length ? only : [...unitTests.include],
    exclude: ['**/node_modules/**', 'src/background/fuzz.test.ts', 'test/unit/fuzz-presets.test.ts'],
    setupFiles: [...unitTests.setupFiles],
    testTimeout: 60_000,
  },
});
