/**
 * npm run bench: what users feel, each figure beside its own baseline from the same run.
 * Medians after warm-up; budgets reported pass/fail (tests never time things).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { startSandbox } from '../dev/sandbox/sandbox';
import { chromiumBench, medians } from './browser';
import { scale } from './scale';
import { fileSize, scriptSizes } from './sizes';
import { kib, ms } from './stats';

export interface BenchOptions {
  runs: number;
  warmup: number;
  /** Skip the browser measurements (sizes and scale only). */
  noBrowser?: boolean;
}

const BUDGET = {
  popup: 12 * 1024,
  background: 8 * 1024,
  content: 4 * 1024,
  zip: 60 * 1024,
  popupRatio: 1.5,
  applyMs: 100,
  overhead: 1.03,
  scaleMs: 5,
};
const verdict = (ok: boolean) => (ok ? 'pass' : '**miss**');

export async function runBench(o: BenchOptions): Promise<string> {
  const rows: string[] = ['| measure | browser | value | baseline | ratio | budget | result |', '|---|---|---|---|---|---|---|'];
  const row = (...cells: string[]) => rows.push(`| ${cells.join(' | ')} |`);

  // 1. sizes
  for (const [browser, dist] of [
    ['chrome', 'dist/chrome'],
    ['firefox', 'dist/firefox'],
  ]) {
    for (const s of scriptSizes(dist)) {
      const budget = BUDGET[s.name as 'popup' | 'background' | 'content'];
      row(
        `${s.name} script, gzip (${s.files} files)`,
        browser,
        kib(s.gzip),
        '',
        '',
        budget ? `≤ ${kib(budget)}` : '—',
        budget ? verdict(s.gzip <= budget) : '—',
      );
    }
    const version = JSON.parse(readFileSync(`${dist}/manifest.json`, 'utf8')).version;
    const zip = `artifacts/divert-switch-${browser}-${version}.zip`;
    if (existsSync(zip))
      row('store zip', browser, kib(fileSize(zip)), '', '', `≤ ${kib(BUDGET.zip)}`, verdict(fileSize(zip) <= BUDGET.zip));
  }

  // 2-4. Chromium
  if (!o.noBrowser) {
    const sandbox = await startSandbox();
    try {
      const m = medians(await chromiumBench(sandbox, o.runs, o.warmup));
      const r = m.popupReady / m.blank;
      row(
        `popup ready (median of ${o.runs})`,
        'chromium',
        ms(m.popupReady),
        `blank page ${ms(m.blank)}`,
        `${r.toFixed(2)}×`,
        `≤ ${BUDGET.popupRatio}×`,
        verdict(r <= BUDGET.popupRatio),
      );
      row(
        `apply: "Divert this site" click → next request (median of ${o.runs})`,
        'chromium',
        ms(m.applyOn),
        '',
        '',
        `≤ ${BUDGET.applyMs} ms`,
        verdict(m.applyOn <= BUDGET.applyMs),
      );
      row(
        `apply: namespace change → next request (median of ${o.runs})`,
        'chromium',
        ms(m.applyNamespace),
        '',
        '',
        `≤ ${BUDGET.applyMs} ms`,
        verdict(m.applyNamespace <= BUDGET.applyMs),
      );
      const ov = m.loadWith / m.loadWithout;
      row(
        `page with 200 subresources, diverting (median of ${o.runs}, alternating)`,
        'chromium',
        ms(m.loadWith),
        `no extension ${ms(m.loadWithout)}`,
        `${ov.toFixed(3)}×`,
        `≤ ${BUDGET.overhead}×`,
        verdict(ov <= BUDGET.overhead),
      );
      const idle = m.loadPaused / m.loadWithout;
      row(
        'the same page, extension installed but paused',
        'chromium',
        ms(m.loadPaused),
        `no extension ${ms(m.loadWithout)}`,
        `${idle.toFixed(3)}×`,
        '(context)',
        '—',
      );
      const keep = m.ownBaggageOn - m.ownBaggageOff;
      row(
        `fetch with the page's own baggage, "Keep the page's own baggage" on (median of ${o.runs})`,
        'chromium',
        ms(m.ownBaggageOn),
        `switch off ${ms(m.ownBaggageOff)}`,
        `+${ms(keep)}`,
        '(context: a message round trip and a session rule per such fetch; none for others)',
        '—',
      );
    } finally {
      await sandbox.close();
    }
    row(
      'popup ready, apply latency, request overhead',
      'firefox',
      'not measured',
      '',
      '',
      '',
      'puppeteer over BiDi cannot open the real popup nor time extension pages from navigation start (no BiDi load event for moz-extension://); sizes above cover Firefox',
    );
  }

  // 5. scale (pure core, Node)
  for (const s of scale(Math.max(5, o.runs))) {
    const big = s.domains === 2000;
    row(
      `compile + diff, ${s.domains} domains / ${s.namespaces} namespaces → ${s.rules} rules`,
      'node',
      ms(s.compileDiffMs),
      `no-change reconcile ${ms(s.noChangeMs)}`,
      '',
      big ? `≤ ${BUDGET.scaleMs} ms, rules = namespaces` : 'rules = namespaces',
      verdict((!big || s.compileDiffMs <= BUDGET.scaleMs) && s.rules === s.namespaces),
    );
  }
  const table = rows.join('\n');
  return `# npm run bench\n\n${new Date().toISOString()} · ${o.runs} runs after ${o.warmup} warm-up · ${process.platform} ${process.arch}, Node ${process.version}\n\n${table}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  const out = await runBench({ runs: quick ? 3 : 21, warmup: quick ? 1 : 3 });
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/results.md', out);
  console.log(out);
}
