import type { Page } from 'puppeteer-core';
import { until } from '../dev/harness/driver';
import { launchFirefox } from '../dev/harness/firefox';
import { bigAnswer } from '../dev/sandbox/pages';
import type { Sandbox } from '../dev/sandbox/sandbox';
import type { CompareAnswer } from '../src/core/compare';
import { diffAnswers } from '../src/devtools/diff';
import { FRONTEND } from './common';
import { measuring, timed } from './stats';

/**
 * The DevTools panel's compare as CPU work (issue 33, item 3): a server writes both answers, and
 * the panel shares its thread with other extension pages, in Firefox with the background and its
 * blocking listener too. Before the bounds, 16 KiB of differing lines took 24 s to diff and a
 * diverted fetch took 4.57 s instead of 33 ms while the panel compared.
 */

const answer = (namespace: string, params: string): CompareAnswer => ({
  namespace,
  status: 200,
  headers: [],
  body: bigAnswer(new URLSearchParams(params), namespace).body,
});

export interface DiffRow {
  /** Two 64 KiB answers that share no line, diffed, per run; `cut`: the edit search gave up at its bound. */
  lines: number[];
  cut: boolean;
  /** JSON 5,000 arrays deep on both sides, per run; `depthCut`: the walk stopped at its cap. */
  deep: number[];
  depthCut: boolean;
  /** Context, alternating: reading both 64 KiB answers into lines (split), the least any line diff does. */
  split: number[];
}

/** diffAnswers in Node on hostile answers (the sandbox's), each run cold of its inputs: new strings each time. */
export function diffCost(runs: number): DiffRow {
  const out: DiffRow = { lines: [], cut: false, deep: [], depthCut: false, split: [] };
  for (let i = 0; i < runs + 3; i++) {
    const [ours, theirs] = [answer(`alice${i}`, 'kind=lines&kib=64'), answer(`staging${i}`, 'kind=lines&kib=64')];
    let t = performance.now();
    const d = diffAnswers(ours, theirs);
    const lines = performance.now() - t;
    t = performance.now();
    const parts = [ours.body?.split('\n').length, theirs.body?.split('\n').length];
    const split = performance.now() - t;
    const [a, b] = [answer(`alice${i}`, 'kind=deep&levels=5000'), answer(`staging${i}`, 'kind=deep&levels=5000')];
    t = performance.now();
    const deep = diffAnswers(a, b);
    const deepMs = performance.now() - t;
    if (!parts[0] || !parts[1]) throw new Error('diff bench inputs');
    out.cut = d.body.kind === 'text' && d.body.cut === true;
    out.depthCut = deep.body.kind === 'json' && deep.body.depthCut;
    if (i >= 3) {
      out.lines.push(lines);
      out.split.push(split);
      out.deep.push(deepMs);
    }
  }
  return out;
}

export interface FetchWhileComparing {
  /** Per run: the slowest diverted fetch of the page while the panel compared two 64 KiB all-different answers. */
  comparing: number[];
  /** Per run, alternating: the slowest of as many diverted fetches with the panel idle. */
  idle: number[];
}

/** In the page: fetches to its own host one after the other until told to stop (bounded: 60 s), each timed. */
const LOOP = `(() => {
  const id = (window.__loops = (window.__loops || 0) + 1);
  window.__loop = id;
  const times = (window.__times = []);
  const end = Date.now() + 60000;
  (async () => {
    let n = 0;
    while (window.__loop === id && Date.now() < end) {
      const t = performance.now();
      await fetch('/__echo?bench-compare=' + n++).catch(() => undefined);
      times.push(performance.now() - t);
    }
  })();
})()`;
const STOP = 'window.__loop = 0';

/** In the panel: clicks the row's compare button ("Compare without divert": nobody here chose another name) for `url`. */
const clickCompare = (url: string) => `(() => {
  const row = [...document.querySelectorAll('tr')].find((tr) => tr.textContent.includes(${JSON.stringify(url)}));
  const button = row && [...row.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Compare with'));
  if (!button) return false;
  button.click();
  return true;
})()`;

/** The panel page among Firefox's pages (puppeteer does not learn the URL of a raw BiDi navigation). */
async function panelPage(pages: Page[]): Promise<Page> {
  for (const page of pages)
    if ((await page.evaluate('location.pathname').catch(() => '')) === '/src/devtools/panel.html') return page;
  throw new Error('no panel page open');
}

/**
 * Firefox: a diverted page keeps fetching while the DevTools panel (opened with ?tab=) compares a
 * request whose two answers are 64 KiB and share no line; the slowest fetch in that window,
 * against the slowest of as many fetches with the panel idle, run by run.
 */
export async function firefoxFetchWhileComparing(sandbox: Sandbox, runs: number, warmup: number): Promise<FetchWhileComparing> {
  const driver = await launchFirefox();
  try {
    const app = await driver.open(sandbox.url(FRONTEND));
    const popup = await driver.popup(app);
    await popup.type('combobox', 'Namespace', 'alice', true);
    await popup.click('switch', 'Divert this site');
    await popup.waitText('status', 'okteto-divert=alice');
    await popup.close();
    const big = `/__test/big?kind=lines&kib=64&id=bench-${Date.now().toString(36)}`;
    // The page asks it itself (after the reload the switch made), so the panel lists it.
    await until(async () => {
      await app.run(`fetch(${JSON.stringify(big)}).then((r) => r.text())`);
      return sandbox.find(big).some((s) => s.divert === 'alice');
    }, 'the big answer asked with alice');
    const panel = await driver.panel(app);
    /** The page asks it again: the fetch loops push older rows out of the tab's 500-row list. */
    const listed = async () => {
      const asked = sandbox.find(big).length;
      await app.run(`fetch(${JSON.stringify(big)}).then((r) => r.text())`);
      await until(() => sandbox.find(big).length > asked, 'the big answer asked again');
      await until(async () => (await panel.rows()).some((r) => r.includes(big)), 'the big answer listed');
    };
    const page = await panelPage(await driver.browser.pages());
    // tsx (npm run bench) names functions through a helper the page lacks; vitest does not.
    await page.evaluate('globalThis.__name = (f) => f');
    const diffs = async () => (await page.evaluate(`performance.getEntriesByName('divert-switch:diff').length`)) as number;
    const slowest = async () => Math.max(...((await app.run('window.__times')) as number[]));

    const out: FetchWhileComparing = { comparing: [], idle: [] };
    measuring('firefox: a diverted fetch while the panel compares two 64 KiB answers, and idle');
    await timed(runs, warmup, async (i) => {
      await listed();
      const before = await diffs();
      await app.run(LOOP);
      // A DOM click, at once: the page's fetches keep adding rows, and a pointer click over BiDi
      // (20-400 ms to arrive) can find its button moved.
      if (!(await page.evaluate(clickCompare(big)))) throw new Error('no compare button in the big answer’s row');
      await until(async () => (await diffs()) > before, 'the comparison diffed');
      await app.run(STOP);
      const count = ((await app.run('window.__times.length')) as number) || 1;
      const comparing = await slowest();
      if (!(await panel.text('region')).includes('Too many lines differ')) throw new Error('the compare was not cut');
      // As many fetches with the panel idle.
      await app.run(LOOP);
      await until(async () => ((await app.run('window.__times.length')) as number) >= count, 'as many idle fetches');
      await app.run(STOP);
      const idle = await slowest();
      if (i >= warmup) {
        out.comparing.push(comparing);
        out.idle.push(idle);
      }
      return comparing;
    });
    await panel.close();
    return out;
  } finally {
    await driver.close();
  }
}
