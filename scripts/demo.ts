/** The demo both `npm start` and the screenshot script run: sandbox + Chromium + configured extension. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { build } from 'vite';
import { DIST } from '../dev/dist.ts';
import { QUIET_CHROMIUM } from '../dev/harness/chromium.ts';
import { type Sandbox, startSandbox } from '../dev/sandbox/sandbox.ts';
import { browserPath, ensureBrowsers } from './browsers.ts';

export const DEMO_DOMAIN = 'okteto.demo.localhost'; // Chromium resolves *.localhost to loopback by itself
/**
 * `--headless` asked for, or no display to open a window on (said once, as `command` names it):
 * npm start and npm run dev decide it the same way.
 */
export function headlessWanted(command: string): boolean {
  const asked = process.argv.includes('--headless');
  const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (!asked && noDisplay) console.log(`No display found: running headless (same as ${command} -- --headless).`);
  return asked || noDisplay;
}

/** What npm start sets up, in either browser: the demo domain on, presets, diverted to alice. */
export const DEMO_SETUP = [
  { type: 'addDomain', domain: DEMO_DOMAIN, enabled: true },
  { type: 'addPreset', namespace: 'staging', label: 'Shared staging' },
  { type: 'addPreset', namespace: 'alice', label: 'Alice' },
  { type: 'addPreset', namespace: 'bob-feature', label: 'Bob: search rewrite' },
  { type: 'setNamespace', namespace: 'alice' },
];

/** Chromium (Debian's, or CHROME_PATH), installed first when npm start may (scripts/browsers.ts). */
export function findBrowser(): string {
  ensureBrowsers(['chromium']);
  return browserPath('chromium') as string;
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

/** `dist`: the unpacked build to load (npm run dev: the dev server's); `build`: build it first. */
export async function launchDemo({
  headless,
  dist = resolve(DIST, 'e2e-chrome'),
  build: rebuild = true,
}: {
  headless: boolean;
  dist?: string;
  build?: boolean;
}): Promise<Demo> {
  const executablePath = findBrowser();
  // The e2e variant already holds access to *.okteto.demo.localhost, so no prompt stands in the way.
  process.env.TARGET = 'chrome';
  if (rebuild) await build({ mode: 'e2e', logLevel: 'warn', configFile: 'vite.config.ts' });

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
  // The page as a person sees it (npm run dev's pages reload themselves until the server answers).
  await control.locator('[aria-busy="false"]').first().waitFor({ timeout: 30_000 });
  const command = (cmd: object) => control.evaluate((c) => chrome.runtime.sendMessage(c), cmd);
  for (const cmd of DEMO_SETUP) {
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
      await page.locator('[aria-busy="false"]').first().waitFor({ timeout: 30_000 });
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
