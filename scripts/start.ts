/**
 * npm start: build, start the local divert sandbox, open Chromium with Divert Switch loaded and
 * pointed at it. `npm start -- --headless` prints what the page showed and saves screenshots.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { startSandbox } from '../test/sandbox/sandbox.ts';

const DOMAIN = 'okteto.localhost'; // Chromium resolves *.localhost to loopback by itself
const CANDIDATES = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function findBrowser(): string {
  const found = CANDIDATES.find((p) => p && existsSync(p));
  if (found) return found;
  console.error(
    'No Chromium or Chrome found. Install one (Debian/Ubuntu: sudo apt-get install chromium) or point CHROME_PATH at it:\n  CHROME_PATH=/path/to/chrome npm start',
  );
  process.exit(1);
}

async function main() {
  const wantsHeadless = process.argv.includes('--headless');
  const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (!wantsHeadless && noDisplay) console.log('No display found: running headless (same as npm start -- --headless).');
  const headless = wantsHeadless || noDisplay;
  const executablePath = findBrowser();

  // The e2e variant already holds access to *.okteto.localhost, so no prompt stands in the way.
  process.env.TARGET = 'chrome';
  await build({ mode: 'e2e', logLevel: 'warn', configFile: 'vite.config.ts' });
  const dist = resolve('dist/e2e-chrome');

  const sandbox = await startSandbox({ domain: DOMAIN, port: Number(process.env.SANDBOX_PORT ?? 0) });
  const app = sandbox.url(sandbox.endpoint('movies'));
  console.log(`Divert sandbox on 127.0.0.1:${sandbox.port}: frontend ${app}`);

  const profile = await mkdtemp(join(tmpdir(), 'divert-start-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless,
    viewport: { width: 1000, height: 700 },
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(sw.url()).host;

  // Configure through the extension's own command path, as the options page would.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/src/options/index.html`);
  for (const cmd of [
    { type: 'addDomain', domain: DOMAIN, enabled: true },
    { type: 'setNamespace', namespace: 'alice' },
  ]) {
    const reply = await options.evaluate((c) => chrome.runtime.sendMessage(c), cmd);
    if (!reply?.ok) console.log(`(setup) ${JSON.stringify(reply)}`);
  }

  const page = await context.newPage();
  await page.goto(app);
  const served = await page.locator('#catalog-ns').textContent();
  console.log(`Diverted to alice: the movies page says "Catalog served by ${served}".`);
  console.log(`Movies: ${(await page.locator('#movies li').allTextContents()).join(' | ')}`);

  if (headless) {
    await mkdir('artifacts', { recursive: true });
    await page.screenshot({ path: 'artifacts/start-page.png' });
    const tabId = await sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, page.url());
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 360, height: 420 });
    await popup.goto(`chrome-extension://${id}/src/popup/index.html?tab=${tabId}`);
    await popup.getByRole('status').waitFor();
    console.log(`Popup: ${await popup.getByRole('status').textContent()}`);
    await popup.screenshot({ path: 'artifacts/start-popup.png' });
    console.log('Screenshots: artifacts/start-page.png, artifacts/start-popup.png');
    await context.close();
    await sandbox.close();
    return;
  }
  await options.close();
  console.log('Chromium is open with Divert Switch. Close the browser window (or press Ctrl+C) to stop.');
  const stop = async () => {
    await context.close().catch(() => {});
    await sandbox.close();
    process.exit(0);
  };
  context.on('close', stop);
  process.on('SIGINT', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
