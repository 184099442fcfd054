import { describe, expect, it } from 'vitest';
import { explainMisses, runBench } from '../../bench/run';

// The bench harness on tiny counts, so it cannot rot. It reports; this checks only that it runs
// and prints every row (timings are npm run bench's business, never a test's).
describe('npm run bench (smoke)', () => {
  it('measures every row on tiny counts', async () => {
    const table = await runBench({ runs: 1, warmup: 0 });
    for (const row of [
      'popup script, gzip',
      'background script, gzip',
      'content script, gzip',
      'keep-baggage page script, gzip',
      '| popup ready (median of 1) | chromium',
      '| popup ready (median of 1) | firefox',
      'the blank page with one empty module script',
      '| apply: "Divert this site" click → next request (median of 1) | chromium',
      '| apply: "Divert this site" click → next request (median of 1) | firefox',
      'apply: namespace change',
      '| page with 200 subresources, diverting, vs the DNR-only reference extension (median of 1, alternating) | chromium',
      '| page with 200 subresources, diverting, vs the DNR-only reference extension (median of 1, alternating) | firefox',
      "served-by's own share",
      "fetch with the page's own baggage",
      'worker start → first reply',
      'first command after the worker was stopped',
      'first command after a browser start',
      'popup open → "Divert this site" usable',
      'compile + diff, 2000 domains / 200 namespaces → 200 rules',
      'merge an 8 KiB page baggage (64 members) into okteto-divert',
    ]) {
      expect(table).toContain(row);
    }
  });

  it('says for each row that misses its budget what stands in the way', () => {
    const out = explainMisses([
      '| store zip | chrome | 118.8 KiB |  |  | ≤ 60.0 KiB | **miss** |',
      '| content script, gzip (1 files) | chrome | 1.8 KiB |  |  | ≤ 4.0 KiB | pass |',
      '| something new | chromium | 1 ms |  |  | ≤ 0 ms | **miss** |',
      '| popup ready (median of 21) | firefox | 55.0 ms | blank page 34.0 ms | 1.62× | ≤ 1.5× | **miss** |',
      '| popup ready (median of 21) | chromium | 68.7 ms | blank page 37.4 ms | 1.84× | ≤ 1.5× | **miss** |',
    ]);
    // A reason may be the browser's own.
    expect(out).toContain("(firefox): the popup's own four modules");
    expect(out).toContain('(chromium): a blank extension page with one empty module script');
    expect(out).toContain('- **store zip** (chrome): the Public Suffix List alone');
    expect(out).not.toContain('content script');
    expect(out).toContain('- **something new** (chromium): not known yet.');
  });
});
