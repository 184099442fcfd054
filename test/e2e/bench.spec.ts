import { describe, expect, it } from 'vitest';
import { explainMisses, parseArgs, runBench } from '../../bench/run';

// The bench harness on tiny counts, so it cannot rot. It reports; this checks only that it runs
// and prints every row (timings are npm run bench's business, never a test's).
describe('npm run bench (smoke)', () => {
  it('measures every row on tiny counts', async () => {
    const table = await runBench({ runs: 1, warmup: 0 });
    for (const row of [
      'popup script, gzip',
      'background script, gzip',
      'content script, gzip',
      'keep-page-baggage page script, gzip',
      '| popup ready (median of 1) | chromium',
      '| popup ready (median of 1) | firefox',
      'the blank page with one empty module script',
      '| apply: "Divert this site" click → next request (median of 1) | chromium',
      '| apply: "Divert this site" click → next request (median of 1) | firefox',
      'apply: namespace change',
      '| page with 200 subresources, diverting, vs the DNR-only reference extension (alternating) (median of 1) | chromium',
      '| page with 200 subresources, diverting, vs the DNR-only reference extension (alternating) (median of 1) | firefox',
      "served-by's own share",
      "fetch with the page's own baggage",
      'worker start → first reply',
      'first command after the worker was stopped',
      'first command after a browser start',
      'popup open → "Divert this site" usable',
      'compile + diff, 2000 domains / 200 namespaces → 200 rules',
      'merge an 8 KiB page baggage (64 members) into okteto-divert',
      "| diff two 64 KiB answers that share no line (the panel's compare) | node",
      '| diff two JSON answers 5,000 arrays deep | node',
      '| a diverted fetch while the DevTools panel compares two 64 KiB answers that share no line (slowest in the window) (median of 1) | firefox',
    ]) {
      expect(table).toContain(row);
    }
    // Sizes are context (what bytes cost is timed: popup ready, the worker's start), the zip
    // beside the suffix list it mostly is; only the content script's bytes have a budget.
    for (const browser of ['chrome', 'firefox']) {
      expect(table).toMatch(
        new RegExp(`\\| popup script, gzip \\(1 file\\) \\| ${browser} \\| [\\d.]+ KiB \\|  \\|  \\| \\(context\\) \\| — \\|`),
      );
      expect(table).toMatch(
        new RegExp(`\\| content script, gzip \\(1 file\\) \\| ${browser} \\| [\\d.]+ KiB \\|  \\|  \\| ≤ 4.0 KiB \\| pass \\|`),
      );
    }
    for (const zip of table.split('\n').filter((r) => r.startsWith('| store zip |')))
      expect(zip).toMatch(/ KiB \| the Public Suffix List in it, gzip [\d.]+ KiB \| [\d.]+× \| \(context\) \| — \|$/);
    // Every timed row stands beside a floor from the same run, with the spread of both and of
    // the ratio; a budget on a time is a ratio to that floor.
    const timedRows = table.split('\n').filter((r) => r.startsWith('| ') && r.includes('(median of 1)'));
    expect(timedRows.length).toBeGreaterThan(15);
    for (const r of timedRows) {
      const [, , value, floor, ratio, budget] = r.split(' | ');
      expect(value, r).toMatch(/ms \(.*ms\)$/);
      expect(floor, r).toMatch(/ms \(.*ms\)$/);
      expect(ratio, r).toMatch(/^\d+\.\d+× \(/);
      expect(budget, r).toMatch(/^(≤ [\d.]+×|\(context\))$/);
    }
    // Every group once, each launching its browsers (the compare group adds a Firefox run): over 90 s.
  }, 400_000);

  it('runs one group alone, and refuses a group it does not know with the list', () => {
    expect(parseArgs(['popup', '--quick'])).toEqual({ runs: 3, warmup: 1, only: ['popup'] });
    expect(parseArgs([])).toEqual({ runs: 21, warmup: 3 });
    expect(() => parseArgs(['popups'])).toThrow(
      'unknown bench group popups: use any of sizes, popup, apply, overhead, cold, node',
    );
  });

  it('says for each row that misses its budget what stands in the way', () => {
    const out = explainMisses([
      "| first command after the worker was stopped (through CDP) (median of 21) | chromium | 40.1 ms (38–42 ms) | blank extension's worker 8.20 ms (8–9 ms) | 4.89× (4.5–5.1) | ≤ 4× | **miss** |",
      '| content script, gzip (1 files) | chrome | 1.8 KiB |  |  | ≤ 4.0 KiB | pass |',
      '| something new | chromium | 1 ms |  |  | ≤ 0 ms | **miss** |',
      '| popup ready (median of 21) | firefox | 55.0 ms (50–60 ms) | blank popup 34.0 ms (32–36 ms) | 1.62× (1.5–1.7) | ≤ 1.5× | **miss** |',
      '| popup ready (median of 21) | chromium | 68.7 ms (60–70 ms) | blank popup 42.4 ms (40–45 ms) | 1.62× (1.5–1.7) | ≤ 1.5× | **miss** |',
    ]);
    // A reason may be the browser's own.
    expect(out).toMatch(/\(firefox\): the popup adds .* loading and compiling the script/);
    expect(out).toMatch(/\(chromium\): the popup adds .* in Chromium any script/);
    expect(out).toMatch(/- \*\*first command after the worker was stopped .*\*\* \(chromium\): the command's own commit/);
    expect(out).not.toContain('content script');
    expect(out).toContain('- **something new** (chromium): not known yet.');
  });
});
