import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { type ChromiumDriver, launchChromium } from '../../dev/harness/chromium';
import { type Driver, until } from '../../dev/harness/driver';
import { type FirefoxDriver, launchFirefox } from '../../dev/harness/firefox';
import { frameReady } from '../../dev/harness/firefox-frame';
import { popupShows, popupSurface } from '../../dev/harness/firefox-popup';
import { pageSurface, uiOver } from '../../dev/harness/surface';
import manifest from '../../manifest.json';
import { FRONTEND, useBrowser } from './helpers';

/**
 * The store zips, as a user gets them: `npm run package`'s files (from the build npm test makes
 * first), loaded the way a user loads them (Chromium: unpacked from the zip; Firefox: the zip
 * installed), with their DevTools panel and their popup opened in the browsers' own hosts. The
 * e2e build and `?tab=` pages hid a manifest CSP that kept the panel out of Chromium's DevTools.
 */
const out = mkdtempSync(join(tmpdir(), 'divert-release-'));
const zip = (browser: string) => join(out, `divert-switch-${browser}-${manifest.version}.zip`);
/** The zip of `browser`, written by npm run package's script (once) from the build in dist/. */
const packaged = (browser: string) => {
  if (!existsSync('dist/chrome/manifest.json')) throw new Error('dist/ is missing: run npm run build first (npm test does).');
  if (!existsSync(zip('chrome'))) execFileSync('node', ['scripts/package.mjs', out]);
  return zip(browser);
};
const unpacked = (file: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'divert-unzipped-'));
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(file)))) {
    if (name.endsWith('/')) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  return dir;
};

const BROWSERS: [string, () => Promise<Driver>][] = [
  ['chromium', () => launchChromium(unpacked(packaged('chrome')))],
  ['firefox', () => launchFirefox(packaged('firefox'))],
];
const only = process.env.E2E_BROWSERS?.split(',');

describe.each(BROWSERS.filter(([name]) => !only || only.includes(name)))('%s: the store package', (name, launch) => {
  const env = useBrowser(launch);

  it('shows its Divert panel in DevTools and its popup from the toolbar', async () => {
    const tab = await env.driver.open(env.sandbox.url(FRONTEND));
    const panel = await env.driver.devtoolsPanel(tab);
    expect(await panel.pageText()).toContain('Requests to diverted hosts');
    await panel.close();

    // The popup where the toolbar button opens it, over this tab (action.openPopup, no ?tab=). Opened
    // by the extension, not a click, it gets no activeTab grant: it shows its own state, not the page's.
    if (name === 'chromium') {
      const driver = env.driver as ChromiumDriver;
      await driver.pageOf(tab).bringToFront();
      const url = `chrome-extension://${driver.extensionId}/src/popup/index.html`;
      const target = (await driver.devtoolsProtocol()).waitForTarget((t) => t.url() === url, { timeout: 20_000 });
      await (await driver.worker()).evaluate(() => chrome.action.openPopup());
      const page = (await (await target).asPage()) as Page;
      const popup = uiOver(pageSurface(page, () => page.reload()));
      await until(() => popup.exists('combobox', 'Namespace'), 'the popup in its host');
      await popup.close();
    } else {
      const driver = env.driver as FirefoxDriver;
      await driver.pageOf(tab).bringToFront();
      const base = env.driver.extensionUrl('');
      const ext = await driver.extPage('src/options/index.html');
      await driver.pageOf(tab).bringToFront();
      await ext.evaluate(() => void chrome.action.openPopup());
      await until(() => popupShows(driver.browser, `${base}src/popup/index.html`), 'the toolbar popup to open');
      const surface = popupSurface(driver.browser);
      // As the driver's toolbarPopup does: a first probe sent while Firefox moves the popup's
      // <browser> to another frame loader never answers (frameReady gives up on it after 5 s).
      await frameReady(surface, 'the toolbar popup ready');
      const popup = uiOver(surface);
      await until(() => popup.exists('combobox', 'Namespace'), 'the popup in its host');
      await popup.close();
    }
  });
});
