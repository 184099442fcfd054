/**
 * npm start -- --firefox: the same as npm start, in Firefox (Debian's firefox-esr, or FIREFOX_PATH):
 * the e2e build, the local divert sandbox, and Firefox with Divert Switch loaded and set up
 * through the existing Firefox driver (WebDriver BiDi). Headless without a display, as npm start.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'vite';
import { DIST } from '../dev/dist.ts';
import { until } from '../dev/harness/driver.ts';
import { launchFirefox } from '../dev/harness/firefox.ts';
import { startSandbox } from '../dev/sandbox/sandbox.ts';
import { ensureBrowsers } from './browsers.ts';
import { DEMO_DOMAIN, DEMO_SETUP } from './demo.ts';

export async function startFirefox(headless: boolean): Promise<void> {
  ensureBrowsers(['firefox-esr']);
  process.env.TARGET = 'firefox';
  await build({ mode: 'e2e', logLevel: 'warn', configFile: 'vite.config.ts' });
  const sandbox = await startSandbox({ domain: DEMO_DOMAIN, port: Number(process.env.SANDBOX_PORT ?? 0) });
  const driver = await launchFirefox(resolve(DIST, 'e2e-firefox'), { headless });
  const close = async () => {
    await driver.close().catch(() => undefined);
    await sandbox.close();
  };
  try {
    const control = await driver.extPage('src/options/index.html');
    await until(() => control.evaluate(() => !!document.querySelector('[aria-busy="false"]')), 'the options page');
    for (const cmd of DEMO_SETUP) {
      const reply = (await control.evaluate((c) => browser.runtime.sendMessage(c), cmd)) as { ok?: boolean } | undefined;
      if (!reply?.ok) console.log(`(setup) ${JSON.stringify(reply)}`);
    }
    await control.close();
    const tab = await driver.open(sandbox.url(sandbox.endpoint('movies')));
    const app = driver.pageOf(tab);
    const servedBy = await until(
      () => app.$eval('#catalog-ns', (el) => el.textContent?.trim() || undefined).catch(() => undefined),
      'the movies page',
    );
    console.log(`Divert sandbox on 127.0.0.1:${sandbox.port}: frontend ${app.url()}`);
    console.log(`Diverted to alice (Firefox): the movies page says "Catalog served by ${servedBy}".`);
    const popup = await driver.extPage(`src/popup/index.html?tab=${await driver.tabId(tab)}`);
    const status = await until(
      () => popup.$eval('[role="status"]', (el) => el.textContent?.trim() || undefined).catch(() => undefined),
      'the popup',
    );
    console.log(`Popup: ${status}`);
    if (headless) {
      await mkdir('artifacts', { recursive: true });
      await writeFile('artifacts/start-firefox-page.png', await app.screenshot());
      await writeFile('artifacts/start-firefox-popup.png', await popup.screenshot());
      console.log('Screenshots: artifacts/start-firefox-page.png, artifacts/start-firefox-popup.png');
      await close();
      return;
    }
    await popup.close();
    console.log('Firefox is open with Divert Switch. Close the browser window (or press Ctrl+C) to stop.');
    driver.browser.on('disconnected', () => void close().then(() => process.exit(0)));
    process.on('SIGINT', () => void close().then(() => process.exit(0)));
  } catch (e) {
    await close();
    throw e;
  }
}
