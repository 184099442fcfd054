/** The demo both `npm start` and the screenshot script run: sandbox + Chromium + configured extension. */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { build } from 'vite';
import { QUIET_CHROMIUM } from '../dev/harness/chromium.ts';
import { type Sandbox, startSandbox } from '../dev/sandbox/sandbox.ts';

export const DEMO_DOMAIN = 'okteto.demo.localhost'; // Chromium resolves *.localhost to loopback by itself
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

export function findBrowser(): string {
  const found = CANDIDATES.find((p) => p && existsSync(p));
  if (found) return found;
  console.error(
    'No Chromium or Chrome found. Install one (Debian/Ubuntu: sudo apt-get install chromium) or point CHROME_PATH at it:\n  CHROME_PATH=/path/to/chrome npm start',
  );
  process.exit(1);
}

export interface Demo {
  context: BrowserContext;
  sw: Worker;
  id: string;
  sandbox: Sandbox;
  /** The movies frontend, diverted to alice. */
  app: Page;
  /** Sends a command as an extension page would. */
  command(cmd: object): Promise<unknown>;
  popupUrl(page: Page): Promise<string>;
  close(): Promise<void>;
}

export async function launchDemo({ headless }: { headless: boolean }): Promise<Demo> {
  const executablePath = findBrowser();
  // The e2e variant already holds access to *.okteto.demo.localhost, so no prompt stands in the way.
  process.env.TARGET = 'chrome';
  await build({ mode: 'e2e', logLevel: 'warn', configFile: 'vite.config.ts' });
  const dist = resolve('dist/e2e-chrome');

  const sandbox = await startSandbox({ domain: DEMO_DOMAIN, port: Number(process.env.SANDBOX_PORT ?? 0) });
  const profile = await mkdtemp(join(tmpdir(), 'divert-demo-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless,
    viewport: { width: 1000, height: 700 },
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      ...QUIET_CHROMIUM,
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(sw.url()).host;

  const control = await context.newPage();
  await control.goto(`chrome-extension://${id}/src/options/index.html`);
  const command = (cmd: object) => control.evaluate((c) => chrome.runtime.sendMessage(c), cmd);
  for (const cmd of [
    { type: 'addDomain', domain: DEMO_DOMAIN, enabled: true },
    { type: 'addPreset', namespace: 'staging', label: 'Shared staging' },
    { type: 'addPreset', namespace: 'alice', label: 'Alice' },
    { type: 'addPreset', namespace: 'bob-feature', label: 'Bob: search rewrite' },
    { type: 'setNamespace', namespace: 'alice' },
  ]) {
    const reply = (await command(cmd)) as { ok?: boolean } | undefined;
    if (!reply?.ok) console.log(`(setup) ${JSON.stringify(reply)}`);
  }
  await control.close();

  const app = await context.newPage();
  await app.goto(sandbox.url(sandbox.endpoint('movies')));
  return {
    context,
    sw,
    id,
    sandbox,
    app,
    command: async (cmd) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${id}/src/options/index.html`);
      const reply = await page.evaluate((c) => chrome.runtime.sendMessage(c), cmd);
      await page.close();
      return reply;
    },
    popupUrl: async (page) => {
      const tabId = await sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, page.url());
      return `chrome-extension://${id}/src/popup/index.html?tab=${tabId}`;
    },
    close: async () => {
      await context.close().catch(() => {});
      await sandbox.close();
    },
  };
}
