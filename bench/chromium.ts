import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM, type ChromiumDriver, chromiumArgs, launchChromium } from '../dev/harness/chromium';
import { type Driver, until } from '../dev/harness/driver';
import type { Sandbox } from '../dev/sandbox/sandbox';
import {
  alternate,
  BARE_HEADER,
  BARE_RULE_UPDATE,
  FRONTEND,
  lag,
  type Overhead,
  ownBaggageFetches,
  type PopupResults,
  poller,
  popupAgainstBlank,
  timeInPage,
} from './common';
import { measuring, timed } from './stats';

/** The DNR-only reference extension: one static `set baggage` rule, no JavaScript. */
export const REFERENCE = resolve('test/fixtures/dnr-only');
/** A blank extension whose worker answers every message at once: the floor of a worker's start. */
const BLANK_WORKER = resolve('test/fixtures/blank-worker');

async function pageTime(page: Page, url: string, mark?: string): Promise<number> {
  await page.goto(url);
  return timeInPage(page, mark);
}

/**
 * The apply rows time how fast a change reaches the next request of a page that keeps polling;
 * "Reload the page after a change" would replace that page, so those profiles switch it off.
 */
export async function noReloadAfterChange(driver: Driver): Promise<void> {
  const options = await driver.options();
  await options.click('switch', 'Reload the page after a change');
  if (await options.isChecked('switch', 'Reload the page after a change')) throw new Error('the reload option stayed on');
  await options.close();
}

async function withDriver<T>(run: (driver: ChromiumDriver) => Promise<T>): Promise<T> {
  const driver = await launchChromium();
  try {
    return await run(driver);
  } finally {
    await driver.close();
  }
}

/** Popup ready vs a blank extension page and that page with one empty script, alternating, each in a fresh tab. */
export const chromiumPopup = (sandbox: Sandbox, runs: number, warmup: number): Promise<PopupResults> =>
  withDriver(async (driver) => {
    const tabId = await driver.tabId(await driver.open(sandbox.url(FRONTEND)));
    return popupAgainstBlank('chromium', tabId, runs, warmup, async (path, mark) => {
      const page = await driver.context.newPage();
      const t = await pageTime(page, `chrome-extension://${driver.extensionId}/${path}`, mark);
      await page.close();
      return t;
    });
  });

export interface ApplyResults {
  /** "Divert this site" click until the next request carries okteto-divert=alice. */
  applyOn: number[];
  /** Enter in "Namespace" until the next request carries the new namespace. */
  applyNamespace: number[];
  /** A bare rule update from an extension page until the next request carries it (the floor). */
  floor: number[];
}

/** Apply: the click (or Enter) until the next request to the host carries the change, each run beside a bare rule update. */
export const chromiumApply = (sandbox: Sandbox, runs: number, warmup: number): Promise<ApplyResults> =>
  withDriver(async (driver) => {
    const app = await driver.open(sandbox.url(FRONTEND));
    const tabId = await driver.tabId(app);
    await noReloadAfterChange(driver);
    const popup = await driver.context.newPage();
    await popup.goto(`chrome-extension://${driver.extensionId}/src/popup/index.html?tab=${tabId}`);
    const box = popup.getByRole('combobox', { name: 'Namespace' });
    await box.fill('alice');
    await box.press('Enter');
    const toggle = popup.getByRole('switch', { name: 'Divert this site' });
    const bare = (value: string | undefined) =>
      popup.evaluate(`(${BARE_RULE_UPDATE})(${JSON.stringify(value ?? '')})`) as Promise<number>;
    const stop = await poller(driver.pageOf(app));
    const out: ApplyResults = { applyOn: [], applyNamespace: [], floor: [] };
    measuring('chromium: apply (a click, an Enter, a bare rule update)');
    try {
      await timed(runs, warmup, async (i) => {
        // The popup shows the last change before the next click (as a person would see it).
        await until(async () => !(await toggle.isChecked()) && (await toggle.isEnabled()), 'the switch off');
        let t0 = Date.now();
        await toggle.click();
        const on = await lag(sandbox, t0, 'alice').catch(async (e: Error) => {
          const said = await popup.evaluate(() => document.body.textContent);
          throw new Error(`${e.message}\nThe popup said: ${said}`);
        });
        // The floor, in the same profile and page: a bare rule update, then taken back.
        const floor = await lag(sandbox, await bare(`floor${i}`), `floor${i}`, BARE_HEADER);
        await lag(sandbox, await bare(undefined), undefined, BARE_HEADER);
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
          out.applyOn.push(on);
          out.applyNamespace.push(change);
          out.floor.push(floor);
        }
        return on;
      });
    } finally {
      await stop();
    }
    return out;
  });

export interface OverheadResults extends Overhead {
  /** Divert Switch with the page badge off (served-by's own share is loadWith against this). */
  loadNoBadge: number[];
  /** The same extension, paused: what it costs when it adds no header. */
  loadPaused: number[];
  /** A fetch that carries the page's own baggage, "Keep the page's own baggage" off, then on. */
  ownBaggageOff: number[];
  ownBaggageOn: number[];
}

/** A persistent context of its own profile: no extension, or the one given. */
async function otherProfile(prefix: string, extension?: string) {
  const profile = await mkdtemp(join(tmpdir(), prefix));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumArgs(extension),
  });
  return {
    context,
    profile,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Request overhead: 200 subresources on a diverted host, alternating Divert Switch, the DNR-only
 * reference extension (what any header-adding extension pays at least) and no extension, each in
 * its own profile of the same browser; then served-by's share, paused, and Chrome's keep switch.
 */
export const chromiumOverhead = (sandbox: Sandbox, runs: number, warmup: number): Promise<OverheadResults> =>
  withDriver(async (driver) => {
    const tabId = await driver.tabId(await driver.open(sandbox.url(FRONTEND)));
    const base = `chrome-extension://${driver.extensionId}`;
    const popup = await driver.context.newPage();
    await popup.goto(`${base}/src/popup/index.html?tab=${tabId}`);
    const box = popup.getByRole('combobox', { name: 'Namespace' });
    await box.fill('alice');
    await box.press('Enter');
    await popup.getByRole('switch', { name: 'Divert this site' }).click();
    await popup.getByRole('status').filter({ hasText: 'okteto-divert=alice' }).waitFor();
    const plain = await otherProfile('divert-bench-plain-');
    const reference = await otherProfile('divert-bench-reference-', REFERENCE);
    try {
      const withExt = await driver.context.newPage();
      const without = await plain.context.newPage();
      const withReference = await reference.context.newPage();
      const loads = await alternate(sandbox, runs, warmup, 'chromium', {
        with: (url) => pageTime(withExt, url),
        reference: (url) => pageTime(withReference, url),
        without: (url) => pageTime(without, url),
      });
      const badge = (show: boolean) =>
        popup.evaluate((s) => chrome.runtime.sendMessage({ type: 'setShowPageBadge', show: s }), show);
      const loadNoBadge: number[] = [];
      measuring('chromium: the same page, page badge off');
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
      measuring('chromium: the same page, paused');
      await timed(runs, warmup, async (i) => {
        const a = await pageTime(withExt, sandbox.url(FRONTEND, `/__test/many?n=200&id=q${i}`));
        if (i >= warmup) loadPaused.push(a);
        return a;
      });
      await popup.getByRole('switch', { name: 'Pause' }).click();
      await popup.getByRole('status').filter({ hasText: 'okteto-divert=alice' }).waitFor();

      // Chrome, "Keep the page's own baggage": what a fetch with its own baggage pays for the
      // round trip to the background (in the page, switch off then on, the page loaded after each).
      await withExt.goto(sandbox.url(FRONTEND));
      const ownBaggageOff = (await ownBaggageFetches(withExt, runs + warmup, 'off')).slice(warmup);
      const options = await driver.context.newPage();
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
      return { ...loads, loadNoBadge, loadPaused, ownBaggageOff, ownBaggageOn };
    } finally {
      await plain.close();
      await reference.close();
    }
  });

export interface ColdResults {
  /** A cheap query (planForHost) sent right after the worker was stopped: its start and first reply. */
  workerReply: number[];
  /** The same for the blank extension's worker, alternating: the floor. */
  blankWorkerReply: number[];
  /** A command (setNamespace) right after the worker was stopped. */
  firstAfterStop: number[];
  /** The blank worker's first reply after it was stopped, alternating with that command: its floor. */
  blankBesideCommand: number[];
  /** A command right after the browser was restarted (its worker woke for onStartup). */
  firstAfterRestart: number[];
  /** The blank extension's first reply after its browser was restarted, alternating: the floor. */
  blankAfterRestart: number[];
  /** Popup opened with the worker stopped, on a host with no entry: navigation start → "Divert this site" usable. */
  divertUsable: number[];
  /** A blank page whose one script asks the stopped worker the popup's question: the floor of a popup that needs its background. */
  blankPopup: number[];
}

/** Stops an extension's service worker as Chromium does when it idles (closes its CDP target). */
async function stopWorker(page: Page, extensionId: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const workers = async () =>
    (
      (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string; targetId: string }[] }
    ).targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  try {
    for (const sw of await workers()) await cdp.send('Target.closeTarget', { targetId: sw.targetId });
    await until(async () => (await workers()).length === 0, 'the worker stopped');
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

/** The blank-worker extension in a profile of its own: its id, a page of it, and a restart. */
async function blankWorkerBrowser() {
  const profile = await mkdtemp(join(tmpdir(), 'divert-bench-blank-worker-'));
  let context: BrowserContext;
  let id = '';
  let page: Page;
  const start = async () => {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: chromiumArgs(BLANK_WORKER),
    });
    const [sw] = context.serviceWorkers();
    id = new URL((sw ?? (await context.waitForEvent('serviceworker'))).url()).host;
    page = await context.newPage();
    await page.goto(`chrome-extension://${id}/blank.html`);
  };
  await start();
  return {
    reply: async () => {
      await stopWorker(page, id);
      return replyTime(page, { type: 'ping' });
    },
    afterRestart: async () => {
      await context.close();
      await start();
      return replyTime(page, { type: 'ping' });
    },
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** What a person meets first: a woken worker, a browser just started, a popup on a new host; each beside its floor. */
export const chromiumCold = (sandbox: Sandbox, runs: number, warmup: number): Promise<ColdResults> =>
  withDriver(async (driver) => {
    const blank = await blankWorkerBrowser();
    try {
      const base = () => `chrome-extension://${driver.extensionId}`;
      // A host with no entry yet that the e2e build may read (in real use, activeTab shows the popup its URL).
      const freshId = await driver.tabId(await driver.open(sandbox.url('other.example.org')));
      let page = await driver.context.newPage();
      await page.goto(`${base()}/bench-blank.html`);
      const out: ColdResults = {
        workerReply: [],
        blankWorkerReply: [],
        firstAfterStop: [],
        blankBesideCommand: [],
        firstAfterRestart: [],
        blankAfterRestart: [],
        divertUsable: [],
        blankPopup: [],
      };
      measuring('chromium: worker start → first reply, and the blank worker');
      await timed(runs, warmup, async (i) => {
        await stopWorker(page, driver.extensionId);
        const ours = await replyTime(page, { type: 'planForHost', host: 'movies-alice.okteto.example.com' });
        const floor = await blank.reply();
        if (i >= warmup) out.blankWorkerReply.push(floor);
        return ours;
      }).then((xs) => out.workerReply.push(...xs));
      measuring('chromium: first command after the worker stopped, and the blank worker');
      out.firstAfterStop = await timed(runs, warmup, async (i) => {
        await stopWorker(page, driver.extensionId);
        const ours = await replyTime(page, { type: 'setNamespace', namespace: `stopped-${i}` });
        const floor = await blank.reply();
        if (i >= warmup) out.blankBesideCommand.push(floor);
        return ours;
      });
      measuring('chromium: popup usable with the worker stopped, and a blank popup that asks it');
      await timed(runs, warmup, async (i) => {
        await stopWorker(page, driver.extensionId);
        const popup = await driver.context.newPage();
        const t = await pageTime(popup, `${base()}/src/popup/index.html?tab=${freshId}`, 'divert-switch:divert-usable');
        await popup.close();
        await stopWorker(page, driver.extensionId);
        const asker = await driver.context.newPage();
        const floor = await pageTime(asker, `${base()}/bench-ask.html`, 'divert-switch:divert-usable');
        await asker.close();
        if (i >= warmup) {
          out.divertUsable.push(t);
          out.blankPopup.push(floor);
        }
        return t;
      });
      measuring('chromium: first command after a browser start, and the blank worker after its start');
      await timed(runs, warmup, async (i) => {
        await driver.restart();
        page = await driver.context.newPage();
        await page.goto(`${base()}/bench-blank.html`);
        const t = await replyTime(page, { type: 'setNamespace', namespace: `restarted-${i}` });
        const floor = await blank.afterRestart();
        if (i >= warmup) {
          out.firstAfterRestart.push(t);
          out.blankAfterRestart.push(floor);
        }
        return t;
      });
      return out;
    } finally {
      await blank.close();
    }
  });
