import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import puppeteer, { type Browser as FirefoxBrowser, type Page as FirefoxPage } from 'puppeteer-core';
import { CHROMIUM, type ChromiumDriver, chromiumArgs, launchChromium } from '../dev/harness/chromium';
import { type Driver, until } from '../dev/harness/driver';
import { FIREFOX, FIREFOX_TEST_PREFS, type FirefoxDriver, launchFirefox } from '../dev/harness/firefox';
import { locate } from '../dev/harness/locate';
import type { Sandbox } from '../dev/sandbox/sandbox';
import { median, timed } from './stats';

const FRONTEND = 'movies-staging.okteto.example.com';
/** The DNR-only reference extension: one static `set baggage` rule, no JavaScript. */
const REFERENCE = resolve('test/fixtures/dnr-only');

export interface BrowserResults {
  popupReady: number[];
  blank: number[];
  /** The blank page with one empty module script: the floor of any page that runs script. */
  blankScript: number[];
  applyOn: number[];
  applyNamespace: number[];
  loadWith: number[];
  loadWithout: number[];
  /** The same page through a DNR-only extension (one static rule, no JavaScript): the floor. */
  loadReference: number[];
  /** Divert Switch with the page badge off (served-by's own share is loadWith against this). */
  loadNoBadge: number[];
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

/**
 * Keeps the app page asking its host, one request after the other (bounded by stop() and two
 * minutes), so the first request that carries a change is seen. No timers: Firefox runs a
 * background tab's timers once a second at most.
 */
/**
 * The apply rows time how fast a change reaches the next request of a page that keeps polling;
 * "Reload the page after a change" would replace that page, so those profiles switch it off.
 */
async function noReloadAfterChange(driver: Driver): Promise<void> {
  const options = await driver.options();
  await options.click('switch', 'Reload the page after a change');
  if (await options.isChecked('switch', 'Reload the page after a change')) throw new Error('the reload option stayed on');
  await options.close();
}

async function poller(page: { evaluate(code: string): Promise<unknown> }) {
  await page.evaluate(`(() => {
    let n = 0;
    const end = Date.now() + 120000;
    window.__polling = true;
    (async () => {
      while (window.__polling && Date.now() < end) await fetch('/__echo?poll=' + n++).catch(() => undefined);
    })();
  })()`);
  return () => page.evaluate('window.__polling = false');
}

/**
 * The 200-subresource page on a diverted host, alternating Divert Switch, the DNR-only reference
 * and no extension (each its own profile), after checking that both extensions' loads carried
 * the header on every subresource.
 */
async function alternate(
  sandbox: Sandbox,
  runs: number,
  warmup: number,
  who: string,
  load: Record<'with' | 'reference' | 'without', (url: string) => Promise<number>>,
): Promise<{ loadWith: number[]; loadWithout: number[]; loadReference: number[] }> {
  const tag = `${who ? 'f' : ''}${Date.now().toString(36)}`;
  const url = (kind: string, i: number) => sandbox.url(FRONTEND, `/__test/many?n=200&id=${tag}${kind}${i}`);
  const out = { loadWith: [] as number[], loadWithout: [] as number[], loadReference: [] as number[] };
  await timed(runs, warmup, async (i) => {
    const a = await load.with(url('w', i));
    const c = await load.reference(url('d', i));
    const b = await load.without(url('p', i));
    if (i >= warmup) {
      out.loadWith.push(a);
      out.loadWithout.push(b);
      out.loadReference.push(c);
    }
    return a;
  });
  for (const [kind, name] of [
    ['w', 'Divert Switch'],
    ['d', 'the DNR-only reference'],
  ]) {
    const carried = sandbox.seen.filter((s) => s.path.startsWith(`/__r/${tag}${kind}${warmup}/`) && s.divert === 'alice').length;
    if (carried < 200)
      throw new Error(`${who}${name}: the diverted page's subresources did not all carry the header (${carried}/200)`);
  }
  return out;
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
  const referenceProfile = await mkdtemp(join(tmpdir(), 'divert-bench-reference-'));
  let plain: BrowserContext | undefined;
  let reference: BrowserContext | undefined;
  try {
    const ctx = driver.context;
    const app = await driver.open(sandbox.url(FRONTEND));
    const appPage = driver.pageOf(app);
    const tabId = await driver.tabId(app);
    const base = `chrome-extension://${driver.extensionId}`;

    // 2. popup ready vs a blank extension page, alternating, each in a fresh tab
    const popupReady: number[] = [];
    const blank: number[] = [];
    const blankScript: number[] = [];
    await timed(runs, warmup, async (i) => {
      const [a, b, c] = [await ctx.newPage(), await ctx.newPage(), await ctx.newPage()];
      const p = await pageTime(a, `${base}/src/popup/index.html?tab=${tabId}`, 'divert-switch:ready');
      const q = await pageTime(b, `${base}/bench-blank.html`);
      const r = await pageTime(c, `${base}/bench-script.html`);
      for (const x of [a, b, c]) await x.close();
      if (i >= warmup) {
        popupReady.push(p);
        blank.push(q);
        blankScript.push(r);
      }
      return p;
    });

    // 3. apply latency: the click (or Enter) until the next request to the host carries the change
    await noReloadAfterChange(driver);
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

    // 4. request overhead: 200 subresources on a diverted host, alternating Divert Switch, the
    // DNR-only reference extension (what any header-adding Chrome extension pays at least) and
    // no extension, each in its own profile of the same browser.
    plain = await chromium.launchPersistentContext(plainProfile, {
      executablePath: CHROMIUM,
      headless: true,
      args: chromiumArgs(), // the same browser, no extension
    });
    reference = await chromium.launchPersistentContext(referenceProfile, {
      executablePath: CHROMIUM,
      headless: true,
      args: chromiumArgs(REFERENCE),
    });
    const withExt = await ctx.newPage();
    const without = await plain.newPage();
    const withReference = await reference.newPage();
    const { loadWith, loadWithout, loadReference } = await alternate(sandbox, runs, warmup, '', {
      with: (url) => pageTime(withExt, url),
      reference: (url) => pageTime(withReference, url),
      without: (url) => pageTime(without, url),
    });

    // served-by's own share: the same page with the page badge on and off, alternating
    const badge = (show: boolean) =>
      popup.evaluate((s) => chrome.runtime.sendMessage({ type: 'setShowPageBadge', show: s }), show);
    const loadNoBadge: number[] = [];
    await timed(runs, warmup, async (i) => {
      await badge(false);
      const a = await pageTime(withExt, sandbox.url(FRONTEND, `/__test/many?n=200&id=nb${i}`));
      await badge(true);
      if (i >= warmup) loadNoBadge.push(a);
      return a;
    });
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
    return {
      popupReady,
      blank,
      blankScript,
      applyOn,
      applyNamespace,
      loadWith,
      loadWithout,
      loadReference,
      loadNoBadge,
      loadPaused,
      ownBaggageOff,
      ownBaggageOn,
    };
  } finally {
    await plain?.close();
    await reference?.close();
    await rm(plainProfile, { recursive: true, force: true });
    await rm(referenceProfile, { recursive: true, force: true });
    await driver.close();
  }
}

export const medians = (r: BrowserResults) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, median(v)])) as Record<keyof BrowserResults, number>;

export interface ColdResults {
  /** A cheap query (planForHost) sent right after the worker was stopped: its start and first reply. */
  workerReply: number[];
  /** A command (setNamespace) right after the worker was stopped. */
  firstAfterStop: number[];
  /** A command right after the browser was restarted (its worker woke for onStartup). */
  firstAfterRestart: number[];
  /** Popup opened with the worker stopped, on a host with no entry: navigation start → "Divert this site" usable. */
  divertUsable: number[];
}

/** Stops the extension's service worker as Chromium does when it idles (closes its CDP target). */
async function stopWorker(page: Page, extensionId: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { type: string; url: string; targetId: string }[];
    };
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    if (sw) await cdp.send('Target.closeTarget', { targetId: sw.targetId });
    await until(async () => {
      const { targetInfos: now } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
      return !now.some((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    }, 'the worker stopped');
  } finally {
    await cdp.detach();
  }
}

/** Time from sending `message` in an extension page to its reply, measured in the page. */
const replyTime = (page: Page, message: object) =>
  page.evaluate(async (m) => {
    const t0 = performance.now();
    const reply = (await chrome.runtime.sendMessage(m)) as { ok?: boolean; error?: string };
    if (!reply?.ok) throw new Error(`refused: ${reply?.error}`);
    return performance.now() - t0;
  }, message);

/** What a person meets first: a woken worker, a browser just started, a popup on a new host. */
export async function chromiumColdBench(sandbox: Sandbox, runs: number, warmup: number): Promise<ColdResults> {
  const driver: ChromiumDriver = await launchChromium();
  try {
    const base = () => `chrome-extension://${driver.extensionId}`;
    // A host with no entry yet that the e2e build may read (in real use, activeTab shows the popup its URL).
    const fresh = await driver.open(sandbox.url('other.example.org'));
    const freshId = await driver.tabId(fresh);
    let page = await driver.context.newPage();
    await page.goto(`${base()}/bench-blank.html`);
    const workerReply = await timed(runs, warmup, async () => {
      await stopWorker(page, driver.extensionId);
      return replyTime(page, { type: 'planForHost', host: 'movies-alice.okteto.example.com' });
    });
    const firstAfterStop = await timed(runs, warmup, async (i) => {
      await stopWorker(page, driver.extensionId);
      return replyTime(page, { type: 'setNamespace', namespace: `stopped-${i}` });
    });
    const divertUsable = await timed(runs, warmup, async () => {
      await stopWorker(page, driver.extensionId);
      const popup = await driver.context.newPage();
      const t = await pageTime(popup, `${base()}/src/popup/index.html?tab=${freshId}`, 'divert-switch:divert-usable');
      await popup.close();
      return t;
    });
    const firstAfterRestart = await timed(runs, warmup, async (i) => {
      await driver.restart();
      page = await driver.context.newPage();
      await page.goto(`${base()}/bench-blank.html`);
      return replyTime(page, { type: 'setNamespace', namespace: `restarted-${i}` });
    });
    return { workerReply, firstAfterStop, firstAfterRestart, divertUsable };
  } finally {
    await driver.close();
  }
}

export interface FirefoxResults {
  popupReady: number[];
  blank: number[];
  blankScript: number[];
  applyOn: number[];
  loadWith: number[];
  loadWithout: number[];
  loadReference: number[];
}

/** A Firefox of its own profile, with the DNR-only reference extension or with none. */
async function plainFirefox(profile: string, extension?: string): Promise<FirefoxBrowser> {
  const b = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    headless: true,
    executablePath: FIREFOX,
    userDataDir: profile,
    extraPrefsFirefox: FIREFOX_TEST_PREFS,
  });
  if (extension) await b.installExtension(extension);
  return b;
}

/**
 * Firefox through puppeteer over WebDriver BiDi: extension pages open as tabs and time themselves
 * from their own navigation start (BiDi has no load event for moz-extension:// documents).
 */
export async function firefoxBench(sandbox: Sandbox, runs: number, warmup: number): Promise<FirefoxResults> {
  const driver: FirefoxDriver = await launchFirefox();
  const plainProfile = await mkdtemp(join(tmpdir(), 'divert-bench-ff-plain-'));
  const referenceProfile = await mkdtemp(join(tmpdir(), 'divert-bench-ff-reference-'));
  let plain: FirefoxBrowser | undefined;
  let reference: FirefoxBrowser | undefined;
  try {
    const app = await driver.open(sandbox.url(FRONTEND));
    const appPage = driver.pageOf(app);
    const tabId = await driver.tabId(app);
    const inPage = (p: FirefoxPage, mark?: string) =>
      until(
        () =>
          p.evaluate((m) => {
            if (m) return performance.getEntriesByName(m)[0]?.startTime ?? 0;
            const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
            return nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : 0;
          }, mark),
        `page time (${mark ?? 'load'})`,
      );

    // popup ready vs a blank extension page, alternating, each in a fresh tab
    const popupReady: number[] = [];
    const blank: number[] = [];
    const blankScript: number[] = [];
    await timed(runs, warmup, async (i) => {
      const a = await driver.extPage(`src/popup/index.html?tab=${tabId}`);
      const p = await inPage(a, 'divert-switch:ready');
      const b = await driver.extPage('bench-blank.html');
      const q = await inPage(b);
      const c = await driver.extPage('bench-script.html');
      const r = await inPage(c);
      for (const x of [a, b, c]) await x.close();
      if (i >= warmup) {
        popupReady.push(p);
        blank.push(q);
        blankScript.push(r);
      }
      return p;
    });

    // apply latency: the "Divert this site" click until the next request carries okteto-divert=alice
    await noReloadAfterChange(driver);
    const popup = await driver.extPage(`src/popup/index.html?tab=${tabId}`);
    await until(() => popup.evaluate(() => !!document.querySelector('[aria-busy="false"]')), 'the popup ready');
    // tsx (npm run bench) names functions through a helper the page lacks; vitest does not.
    await popup.evaluate('globalThis.__name = (f) => f');
    const find = async (role: string, name: string, mark: string) => {
      await until(() => popup.evaluate(locate, role, name, mark), `${role} ${name}`);
      return `[data-e2e="${mark}"]`;
    };
    const box = await find('combobox', 'Namespace', 'ns');
    await popup.click(box);
    await popup.type(box, 'alice');
    await popup.keyboard.press('Enter');
    const toggle = await find('switch', 'Divert this site', 'divert');
    // Timed from the click as the page gets it: a BiDi click takes 20-400 ms to arrive here.
    await popup.evaluate(
      `document.querySelector('${toggle}').addEventListener('click', () => { window.__clickAt = Date.now(); }, true)`,
    );
    const state = () =>
      popup.$eval(toggle, (el) => ({ on: (el as HTMLInputElement).checked, off: (el as HTMLInputElement).disabled }));
    const stop = await poller(appPage);
    const applyOn: number[] = [];
    try {
      await timed(runs, warmup, async (i) => {
        await until(async () => {
          const s = await state();
          return !s.on && !s.off;
        }, 'the switch off');
        await popup.click(toggle);
        const clickAt = (await popup.evaluate('window.__clickAt')) as number;
        const on = await lag(sandbox, clickAt, 'alice');
        await until(async () => (await state()).on, 'the switch on');
        await popup.click(toggle);
        await lag(sandbox, Date.now(), undefined);
        if (i >= warmup) applyOn.push(on);
        return on;
      });
    } finally {
      await stop();
    }
    await until(async () => !(await state()).on, 'the switch off');
    await popup.click(toggle); // on again, for the overhead runs
    await until(async () => (await state()).on, 'the switch on');

    // 200 subresources on a diverted host: Divert Switch, the DNR-only reference and no extension,
    // alternating, each a Firefox of its own profile
    plain = await plainFirefox(plainProfile);
    reference = await plainFirefox(referenceProfile, REFERENCE);
    const withExt = await driver.browser.newPage();
    const without = await plain.newPage();
    const withReference = await reference.newPage();
    const load = async (p: FirefoxPage, url: string) => {
      await p.goto(url, { waitUntil: 'load' });
      return inPage(p);
    };
    const { loadWith, loadWithout, loadReference } = await alternate(sandbox, runs, warmup, 'Firefox, ', {
      with: (url) => load(withExt, url),
      reference: (url) => load(withReference, url),
      without: (url) => load(without, url),
    });
    return { popupReady, blank, blankScript, applyOn, loadWith, loadWithout, loadReference };
  } finally {
    await plain?.close();
    await reference?.close();
    await rm(plainProfile, { recursive: true, force: true });
    await rm(referenceProfile, { recursive: true, force: true });
    await driver.close();
  }
}

export const coldMedians = <T extends object>(r: T) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, median(v as number[])])) as Record<keyof T, number>;

/** Firefox: a command right after the browser was restarted (a persistent profile, the add-on installed in it). */
export async function firefoxColdBench(runs: number, warmup: number): Promise<{ firstAfterRestart: number[] }> {
  const driver: FirefoxDriver = await launchFirefox(undefined, { persistent: true });
  try {
    const firstAfterRestart = await timed(runs, warmup, async (i) => {
      await driver.restart();
      const page = await driver.extPage('bench-blank.html');
      const t = await page.evaluate(async (ns) => {
        const t0 = performance.now();
        const reply = (await chrome.runtime.sendMessage({ type: 'setNamespace', namespace: ns })) as {
          ok?: boolean;
          error?: string;
        };
        if (!reply?.ok) throw new Error(`refused: ${reply?.error}`);
        return performance.now() - t0;
      }, `restarted-${i}`);
      await page.close();
      return t;
    });
    return { firstAfterRestart };
  } finally {
    await driver.close();
  }
}
