import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../../dev/harness/browsers';
import type { ChromiumDriver } from '../../dev/harness/chromium';
import { type Driver, type Tab, until } from '../../dev/harness/driver';
import type { FirefoxDriver } from '../../dev/harness/firefox';
import { divertApp, marker, useBrowser } from './helpers';

/**
 * The panel's compare, given answers a hostile server writes (issue 33, item 3): two 60 KiB
 * answers that share no line, and JSON 5,000 arrays deep. The panel says what it cut, diffs each
 * comparison once however often the tab's log changes, and keeps listing the tab's requests.
 */

/** Runs `code` in the panel page the driver opened (`panel.html?tab=`): how many diffs ran, say. */
async function inPanel(driver: Driver, code: string): Promise<unknown> {
  if (driver.name === 'chromium') {
    const page = (driver as ChromiumDriver).context.pages().find((p) => p.url().includes('/src/devtools/panel.html'));
    if (!page) throw new Error('no panel page open');
    return page.evaluate(code);
  }
  // Puppeteer does not learn the URL of a page navigated to moz-extension:// over raw BiDi: ask each.
  for (const page of await (driver as FirefoxDriver).browser.pages()) {
    const path = await page.evaluate('location.pathname').catch(() => '');
    if (path === '/src/devtools/panel.html') return page.evaluate(code);
  }
  throw new Error('no panel page open');
}
const DIFFS = `performance.getEntriesByName('divert-switch:diff').length`;

describe.each(BROWSERS)('%s: the panel’s compare is bounded', (_name, launch) => {
  const env = useBrowser(launch);
  let app: Tab;

  beforeAll(async () => {
    app = await divertApp(env.driver, env.sandbox, 'alice');
  });

  /** The page asks `path` itself, so the panel lists it; resolves once the sandbox saw it. */
  const pageAsks = async (path: string) => {
    await app.run(`fetch(${JSON.stringify(path)}).then((r) => r.text())`);
    await until(() => env.sandbox.find(path).length > 0, `the page’s own ${path}`);
  };

  it('two 60 KiB answers that share no line: cut, said so, diffed once while the log grows', async () => {
    const big = `/__test/big?kind=lines&kib=60&id=${marker('big')}`;
    await pageAsks(big);
    const panel = await env.driver.panel(app);
    await until(async () => (await panel.rows()).some((r) => r.includes(big)), 'the big answer listed');
    await panel.clickInRow(big, 'Compare with staging');
    const region = await panel.waitText('region', 'Too many lines differ');
    expect(region).toContain("staging's lines are shown as removed, then alice's as added");
    expect(region).toContain('- staging line 0');
    expect(region).toMatch(/…and \d+ more lines\./);
    // Both sides were really fetched, in full: the cut is the panel's, not the network's.
    expect(
      env.sandbox
        .find(big)
        .map((s) => s.divert)
        .sort(),
    ).toEqual(['alice', 'alice', 'staging']);
    expect(await inPanel(env.driver, DIFFS)).toBe(1);

    // The tab goes on asking: every new request is listed while the comparison stays on screen,
    // and the diff is not made again for any of them.
    const after = marker('after');
    await app.run(`(async () => { for (let i = 0; i < 15; i++) await fetch('/__echo?${after}=' + i); })()`);
    await until(async () => (await panel.rows()).some((r) => r.includes(`${after}=14`)), 'the last new request listed');
    expect(await panel.text('region')).toContain('Too many lines differ');
    expect(await inPanel(env.driver, DIFFS)).toBe(1);
    await panel.click('checkbox', 'Mismatches only');
    await until(async () => !(await panel.rows()).some((r) => r.includes(after)), 'the filter applied');
    expect(await inPanel(env.driver, DIFFS)).toBe(1);
    await panel.close();
  });

  it('JSON 5,000 arrays deep: no blank panel, the depth cut said', async () => {
    const deep = `/__test/big?kind=deep&levels=5000&id=${marker('deep')}`;
    await pageAsks(deep);
    const panel = await env.driver.panel(app);
    await until(async () => (await panel.rows()).some((r) => r.includes(deep)), 'the deep answer listed');
    await panel.clickInRow(deep, 'Compare with staging');
    const region = await panel.waitText('region', 'Parts nested deeper than 64 levels were not compared.');
    expect(region).toContain('JSON that differs');
    // Still a working panel: its rows are there and its filter answers.
    expect((await panel.rows()).some((r) => r.includes(deep))).toBe(true);
    await panel.close();
  });
});
