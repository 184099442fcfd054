import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM, type ChromiumDriver, chromiumArgs, launchChromium } from '../dev/harness/chromium';
import { until } from '../dev/harness/driver';
import type { Sandbox } from '../dev/sandbox/sandbox';
import { median, timed } from './stats';

const FRONTEND = 'movies-staging.okteto.example.com';

export interface BrowserResults {
  popupReady: number[];
  blank: number[];
  applyOn: number[];
  applyNamespace: number[];
  loadWith: number[];
  loadWithout: number[];
  /** The same extension, paused: what it costs when it adds no header. */
  loadPaused: number[];
  /** A fetch that carries the page's own baggage, "Keep the page's own baggage" off, then on. */
  ownBaggageOff: number[];
  ownBaggageOn: number[];
}

/** `runs` same-origin fetches with baggage of the page's own, each timed inside the page. */
async function ownBaggageFetches(page: Page, runs: number, tag: string): Promise<number[]> {
  return page.evaluate(
    async ({ n, tag }) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await fetch(`/__echo?own=${tag}-${i}`, { headers: { baggage: `sentry-trace_id=${tag}${i},userId=alice` } });
        out.push(performance.now() - t0);
      }
      return out;
    },
    { n: runs, tag },
  );
}

/** Time from navigation start to a mark (or the load event), read inside the page. */
async function pageTime(page: Page, url: string, mark?: string): Promise<number> {
  await page.goto(url);
  return until(
    () =>
      page.evaluate((m) => {
        if (m) return performance.getEntriesByName(m)[0]?.startTime ?? 0;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : 0;
      }, mark),
    `page time of ${url}`,
  );
}

/** Keeps the app page asking its host every 4 ms (bounded by stop()), so the first request that carries a change is seen. */
async function poller(page: Page) {
  await page.evaluate(() => {
    let n = 0;
    (window as unknown as { __stop: () => void }).__stop = (() => {
      const id = setInterval(() => void fetch(`/__echo?poll=${n++}`).catch(() => undefined), 4);
      const max = setTimeout(() => clearInterval(id), 120_000);
      return () => {
        clearInterval(id);
        clearTimeout(max);
      };
    })();
  });
  return () => page.evaluate(() => (window as unknown as { __stop: () => void }).__stop());
}

/** First request after `t0` whose okteto-divert is `want` (undefined: none): its arrival, minus t0. */
async function lag(sandbox: Sandbox, t0: number, want: string | undefined) {
  const hit = await until(
    () => sandbox.seen.find((s) => s.at >= t0 && s.path.startsWith('/__echo?poll=') && s.divert === want),
    `a request with ${want}`,
  );
  return (hit as { at: number }).at - t0;
}

export async function chromiumBench(sandbox: Sandbox, runs: number, warmup: number): Promise<BrowserResults> {
  const driver: ChromiumDriver = await launchChromium();
  const plainProfile = await mkdtemp(join(tmpdir(), 'divert-bench-plain-'));
  let plain: BrowserContext | undefined;
  try {
    const ctx = driver.context;
    const app = await driver.open(sandbox.url(FRONTEND));
    const appPage = driver.pageOf(app);
    const tabId = await driver.tabId(app);
    const base = `chrome-extension://${driver.extensionId}`;

    // 2. popup ready vs a blank extension page, alternating, each in a fresh tab
    const popupReady: number[] = [];
    const blank: number[] = [];
    await timed(runs, warmup, async (i) => {
      const a = await ctx.newPage();
      const b = await ctx.newPage();
      const p = await pageTime(a, `${base}/src/popup/index.html?tab=${tabId}`, 'divert-switch:ready');
      const q = await pageTime(b, `${base}/bench-blank.html`);
      await a.close();
      await b.close();
      if (i >= warmup) {
        popupReady.push(p);
        blank.push(q);
      }
      return p;
    });

    // 3. apply latency: the click (or Enter) until the next request to the host carries the change
    const popup = await ctx.newPage();
    await popup.goto(`${base}/src/popup/index.html?tab=${tabId}`);
    const box = popup.getByRole('combobox', { name: 'Namespace' });
    await box.fill('alice');
    await box.press('Enter');
    const toggle = popup.getByRole('switch', { name: 'Divert this site' });
    const stop = await poller(appPage);
    const applyOn: number[] = [];
    const applyNamespace: number[] = [];
    try {
      await timed(runs, warmup, async (i) => {
        // off → on: the "Divert this site" click until a request carries okteto-divert=alice
        // The popup shows the last change before the next click (as a person would see it).
        await until(async () => !(await toggle.isChecked()) && (await toggle.isEnabled()), 'the switch off');
        let t0 = Date.now();
        await toggle.click();
        const on = await lag(sandbox, t0, 'alice').catch(async (e: Error) => {
          const said = await popup.evaluate(() => document.body.textContent);
          throw new Error(`${e.message}\nThe popup said: ${said}`);
        });
        // alice → bob: Enter in "Namespace" until a request carries okteto-divert=bob
        await box.fill('bob');
        t0 = Date.now();
        await box.press('Enter');
        const change = await lag(sandbox, t0, 'bob');
        // back to alice and off, not measured
        await box.fill('alice');
        await box.press('Enter');
        await lag(sandbox, Date.now(), 'alice');
        await until(() => toggle.isChecked(), 'the switch on');
        t0 = Date.now();
        await toggle.click();
        await lag(sandbox, t0, undefined);
        if (i >= warmup) {
          applyOn.push(on);
          applyNamespace.push(change);
        }
        return on;
      });
    } finally {
      await stop();
    }
    await toggle.click(); // on again, for the overhead runs
    await lag(sandbox, Date.now(), undefined).catch(() => 0);

    // 4. request overhead: 200 subresources on a diverted host, with the extension vs without any
    plain = await chromium.launchPersistentContext(plainProfile, {
      executablePath: CHROMIUM,
      headless: true,
      args: chromiumArgs(), // the same browser, no extension
    });
    const withExt = await ctx.newPage();
    const without = await plain.newPage();
    const loadWith: number[] = [];
    const loadWithout: number[] = [];
    await timed(runs, warmup, async (i) => {
      const a = await pageTime(withExt, sandbox.url(FRONTEND, `/__test/many?n=200&id=w${i}`));
      const b = await pageTime(without, sandbox.url(FRONTEND, `/__test/many?n=200&id=p${i}`));
      if (i >= warmup) {
        loadWith.push(a);
        loadWithout.push(b);
      }
      return a;
    });
    const carried = sandbox.seen.filter((s) => s.path.startsWith(`/__r/w${warmup}/`) && s.divert === 'alice').length;
    if (carried < 200) throw new Error(`the diverted page's subresources did not all carry the header (${carried}/200)`);
    await popup.getByRole('switch', { name: 'Pause' }).click();
    await popup.getByRole('status').filter({ hasText: 'Paused' }).waitFor();
    const loadPaused: number[] = [];
    await timed(runs, warmup, async (i) => {
      const a = await pageTime(withExt, sandbox.url(FRONTEND, `/__test/many?n=200&id=q${i}`));
      if (i >= warmup) loadPaused.push(a);
      return a;
    });
    await popup.getByRole('switch', { name: 'Pause' }).click();
    await popup.getByRole('status').filter({ hasText: 'okteto-divert=alice' }).waitFor();

    // 5. Chrome, "Keep the page's own baggage": what a fetch with its own baggage pays for the
    // round trip to the background (in the page, switch off then on, the page loaded after each).
    await withExt.goto(sandbox.url(FRONTEND));
    const ownBaggageOff = (await ownBaggageFetches(withExt, runs + warmup, 'off')).slice(warmup);
    const options = await ctx.newPage();
    await options.goto(`${base}/src/options/index.html`);
    const keep = options.getByRole('switch', { name: "Keep the page's own baggage" });
    await keep.click();
    await until(() => keep.isChecked(), 'the switch on');
    await withExt.goto(sandbox.url(FRONTEND));
    const ownBaggageOn = (await ownBaggageFetches(withExt, runs + warmup, 'on')).slice(warmup);
    const last = sandbox.seen.find((s) => s.path === `/__echo?own=on-${runs + warmup - 1}`);
    if (last?.headers.baggage !== `sentry-trace_id=on${runs + warmup - 1},userId=alice,okteto-divert=alice`) {
      throw new Error(`the page's own baggage was not kept: ${String(last?.headers.baggage)}`);
    }
    await keep.click();
    return { popupReady, blank, applyOn, applyNamespace, loadWith, loadWithout, loadPaused, ownBaggageOff, ownBaggageOn };
  } finally {
    await plain?.close();
    await rm(plainProfile, { recursive: true, force: true });
    await driver.close();
  }
}

export const medians = (r: BrowserResults) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, median(v)])) as Record<keyof BrowserResults, number>;
