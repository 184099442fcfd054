import { describe, expect, it } from 'vitest';
import { runBench } from '../../bench/run';

// The bench harness on tiny counts, so it cannot rot. It reports; this checks only that it runs
// and prints every row (timings are npm run bench's business, never a test's).
describe('npm run bench (smoke)', () => {
  it('measures every row on tiny counts', async () => {
    const table = await runBench({ runs: 1, warmup: 0 });
    for (const row of [
      'popup script, gzip',
      'background script, gzip',
      'content script, gzip',
      'popup ready',
      'apply: "Divert this site" click',
      'apply: namespace change',
      'page with 200 subresources',
      "fetch with the page's own baggage",
      'keep-baggage page script, gzip',
      'compile + diff, 2000 domains / 200 namespaces → 200 rules',
    ]) {
      expect(table).toContain(row);
    }
  });
});
