import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser as FirefoxBrowser, type Page as FirefoxPage } from 'puppeteer-core';
import { until } from '../dev/harness/driver';
import { FIREFOX, FIREFOX_TEST_PREFS, type FirefoxDriver, launchFirefox } from '../dev/harness/firefox';
import { locate } from '../dev/harness/locate';
import type { Sandbox } from '../dev/sandbox/sandbox';
import { type ApplyResults, noReloadAfterChange, REFERENCE } from './chromium';
import {
  alternate,
  BARE_HEADER,
  BARE_RULE_UPDATE,
  FRONTEND,
  lag,
  type Overhead,
  type PopupResults,
  poller,
  popupAgainstBlank,
  timeInPage,
} from './common';
import { measuring, timed } from './stats';

/**
 * Firefox through puppeteer over WebDriver BiDi: extension pages open as tabs and time themselves
 * from their own navigation start (BiDi has no load event for moz-extension:// documents).
 */

async function withDriver<T>(run: (driver: FirefoxDriver) => Promise<T>, persistent = false): Promise<T> {
  const driver = await launchFirefox(undefined, { persistent });
  try {
    return await run(driver);
  } finally {
    await driver.close();
  }
}

/** The popup's controls, found by role and name (BiDi has no getByRole). */
async function popupControls(driver: FirefoxDriver, tabId: number) {
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
  const state = () =>
    popup.$eval(toggle, (el) => ({ on: (el as HTMLInputElement).checked, off: (el as HTMLInputElement).disabled }));
  return { popup, toggle, state };
}

export const firefoxPopup = (sandbox: Sandbox, runs: number, warmup: number): Promise<PopupResults> =>
  withDriver(async (driver) => {
    const tabId = await driver.tabId(await driver.open(sandbox.url(FRONTEND)));
    return popupAgainstBlank('firefox', tabId, runs, warmup, async (path, mark) => {
      const page = await driver.extPage(path);
      const t = await timeInPage(page, mark);
      await page.close();
      return t;
    });
  });

/** Apply: the "Divert this site" click until the next request carries okteto-divert=alice, each run beside a bare rule update. */
export const firefoxApply = (sandbox: Sandbox, runs: number, warmup: number): Promise<Omit<ApplyResults, 'applyNamespace'>> =>
  withDriver(async (driver) => {
    const app = await driver.open(sandbox.url(FRONTEND));
    const tabId = await driver.tabId(app);
    await noReloadAfterChange(driver);
    const { popup, toggle, state } = await popupControls(driver, tabId);
    // Timed from the click as the page gets it: a BiDi click takes 20-400 ms to arrive here.
    await popup.evaluate(
      `document.querySelector('${toggle}').addEventListener('click', () => { window.__clickAt = Date.now(); }, true)`,
    );
    const bare = (value: string | undefined) =>
      popup.evaluate(`(${BARE_RULE_UPDATE})(${JSON.stringify(value ?? '')})`) as Promise<number>;
    const stop = await poller(driver.pageOf(app));
    const out = { applyOn: [] as number[], floor: [] as number[] };
    measuring('firefox: apply (a click, a bare rule update)');
    try {
      await timed(runs, warmup, async (i) => {
        await until(async () => {
          const s = await state();
          return !s.on && !s.off;
        }, 'the switch off');
        await popup.click(toggle);
        const clickAt = (await popup.evaluate('window.__clickAt')) as number;
        const on = await lag(sandbox, clickAt, 'alice');
        const floor = await lag(sandbox, await bare(`floor${i}`), `floor${i}`, BARE_HEADER);
        await lag(sandbox, await bare(undefined), undefined, BARE_HEADER);
        await until(async () => (await state()).on, 'the switch on');
        await popup.click(toggle);
        await lag(sandbox, Date.now(), undefined);
        if (i >= warmup) {
          out.applyOn.push(on);
          out.floor.push(floor);
        }
        return on;
      });
    } finally {
      await stop();
    }
    return out;
  });

/** A Firefox of its own profile, with the DNR-only reference extension or with none. */
async function plainFirefox(prefix: string, extension?: string) {
  const profile = await mkdtemp(join(tmpdir(), prefix));
  const b: FirefoxBrowser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    headless: true,
    executablePath: FIREFOX,
    userDataDir: profile,
    extraPrefsFirefox: FIREFOX_TEST_PREFS,
  });
  if (extension) await b.installExtension(extension);
  return {
    browser: b,
    close: async () => {
      await b.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** 200 subresources on a diverted host: Divert Switch, the DNR-only reference and no extension, alternating, each a Firefox of its own profile. */
export const firefoxOverhead = (sandbox: Sandbox, runs: number, warmup: number): Promise<Overhead> =>
  withDriver(async (driver) => {
    const tabId = await driver.tabId(await driver.open(sandbox.url(FRONTEND)));
    const { popup, toggle, state } = await popupControls(driver, tabId);
    await popup.click(toggle);
    await until(async () => (await state()).on, 'the switch on');
    const plain = await plainFirefox('divert-bench-ff-plain-');
    const reference = await plainFirefox('divert-bench-ff-reference-', REFERENCE);
    try {
      const withExt = await driver.browser.newPage();
      const without = await plain.browser.newPage();
      const withReference = await reference.browser.newPage();
      const load = async (p: FirefoxPage, url: string) => {
        await p.goto(url, { waitUntil: 'load' });
        return timeInPage(p);
      };
      return await alternate(sandbox, runs, warmup, 'firefox', {
        with: (url) => load(withExt, url),
        reference: (url) => load(withReference, url),
        without: (url) => load(without, url),
      });
    } finally {
      await plain.close();
      await reference.close();
    }
  });

/** Time from a command sent in an extension page to its reply, measured in the page. */
const commandTime = (page: FirefoxPage, namespace: string) =>
  page.evaluate(async (ns) => {
    const t0 = performance.now();
    const reply = (await chrome.runtime.sendMessage({ type: 'setNamespace', namespace: ns })) as { ok?: boolean; error?: string };
    if (!reply?.ok) throw new Error(`refused: ${reply?.error}`);
    return performance.now() - t0;
  }, namespace);

/**
 * A command right after the browser was restarted (a persistent profile, the add-on installed in
 * it), beside a query to the same background before the restart (its warm round trip): the part
 * of the first command that a start costs.
 */
export const firefoxCold = (runs: number, warmup: number) =>
  withDriver(async (driver) => {
    const out = { firstAfterRestart: [] as number[], warm: [] as number[] };
    measuring('firefox: first command after a browser start, and a warm command');
    await timed(runs, warmup, async (i) => {
      const before = await driver.extPage('bench-blank.html');
      const warm = await commandTime(before, `warm-${i}`);
      await before.close();
      await driver.restart();
      const page = await driver.extPage('bench-blank.html');
      const t = await commandTime(page, `restarted-${i}`);
      await page.close();
      if (i >= warmup) {
        out.firstAfterRestart.push(t);
        out.warm.push(warm);
      }
      return t;
    });
    return out;
  }, true);
