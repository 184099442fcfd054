import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import puppeteer, { type Browser as CdpBrowser } from 'puppeteer-core';
import { DIST } from '../dist';
import { chromiumDevtoolsPanel } from './chromium-devtools';
import {
  chordKeys,
  type Driver,
  type Role,
  type Rules,
  readPageBadge,
  readSecretStore,
  rowTexts,
  type Tab,
  type Ui,
  until,
  watchClipboard,
} from './driver';
import { pageSurface, uiOver } from './surface';

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_DIST = resolve(DIST, 'e2e-chrome');

/** Debian's Chromium on a closed network: no background traffic, no first-run, no sandbox as root. */
export const QUIET_CHROMIUM = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
];
/** Every test host goes to the loopback sandbox; no shell quotes inside an args entry. */
const TEST_HOSTS_TO_LOOPBACK = '--host-resolver-rules=MAP * 127.0.0.1, EXCLUDE localhost';

export function chromiumArgs(dist?: string): string[] {
  const ext = dist ? [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`] : [];
  return [...ext, '--no-sandbox', ...QUIET_CHROMIUM, TEST_HOSTS_TO_LOOPBACK];
}

function tabOf(page: Page): Tab {
  return {
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    title: () => page.title(),
    textOf: async (sel) => (await page.locator(sel).first().textContent()) ?? '',
    pageBadge: () => page.evaluate(readPageBadge),
    run: (code) => page.evaluate(code),
    frames: () =>
      Promise.all(
        page
          .frames()
          .filter((f) => f !== page.mainFrame())
          .map(async (f) => ({ url: f.url(), text: await f.evaluate(() => document.body?.textContent ?? '').catch(() => '') })),
      ),
    close: () => page.close(),
  };
}

function uiOf(page: Page): Ui {
  const get = (role: Role, name: string) => page.getByRole(role, { name, exact: true });
  return {
    click: (role, name) => get(role, name).click(),
    type: async (role, name, text, enter) => {
      const field = get(role, name);
      await field.fill('');
      await field.pressSequentially(text);
      if (enter) await field.press('Enter');
    },
    isChecked: (role, name) => get(role, name).isChecked(),
    isDisabled: (role, name) => get(role, name).isDisabled(),
    text: async (role) => {
      const el = page.getByRole(role).first();
      return (await el.count()) ? ((await el.textContent()) ?? '') : '';
    },
    waitText: async (role, text) => {
      const el = page.getByRole(role).filter({ hasText: text }).first();
      await el.waitFor({ timeout: 10_000 });
      return (await el.textContent()) ?? '';
    },
    exists: async (role, name) => (await get(role, name).count()) > 0,
    pageText: () => page.evaluate(() => document.body.textContent),
    value: (role, name) => get(role, name).inputValue(),
    clickAndCopy: async (role, name) => {
      await page.evaluate(watchClipboard);
      await get(role, name).click();
      return until(() => page.evaluate(() => document.documentElement.dataset.copied ?? ''), `${name} to copy`);
    },
    screenshot: (role, name) => get(role, name).screenshot(),
    rows: () => page.evaluate(rowTexts),
    clickInRow: (row, name) =>
      page.getByRole('row').filter({ hasText: row }).first().getByRole('button', { name, exact: true }).click(),
    select: async (name, value) => void (await get('combobox', name).selectOption(value)),
    upload: (name, path) => page.getByLabel(name, { exact: true }).setInputFiles(path),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    close: () => page.close(),
  };
}

export interface ChromiumDriver extends Driver {
  readonly context: BrowserContext;
  readonly extensionId: string;
  worker(): Promise<Worker>;
  /** puppeteer-core over the CDP port: targets Playwright does not attach to (DevTools, the toolbar popup). */
  devtoolsProtocol(): Promise<CdpBrowser>;
  pageOf(tab: Tab): Page;
  /** Closes the browser and starts it again with the same profile (and, given, another build: an update). */
  restart(dist?: string): Promise<void>;
  /** Removes every dynamic rule behind the extension's back, as a browser bug might. */
  removeAllRules(): Promise<void>;
}

/** How long a starting service worker may take: a cap, not a wait (a loaded 2-core machine took over 30 s). */
const WORKER_START_MS = 90_000;

export async function launchChromium(firstDist = CHROME_DIST): Promise<ChromiumDriver> {
  let dist = firstDist;
  const profile = await mkdtemp(join(tmpdir(), 'divert-chromium-'));
  const pages = new WeakMap<Tab, Page>();
  const ids = new WeakMap<Tab, number>();
  let context: BrowserContext;
  let extensionId = '';
  // The toolbar popup is a target Playwright does not attach to: puppeteer-core finds it over CDP.
  let cdp: Promise<CdpBrowser> | undefined;

  const start = async () => {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      // A port besides Playwright's pipe, for the toolbar popup (toolbarPopup); chosen by Chromium.
      args: [...chromiumArgs(dist), '--remote-debugging-port=0'],
    });
    cdp = undefined;
    const [sw] = context.serviceWorkers();
    extensionId = new URL((sw ?? (await context.waitForEvent('serviceworker', { timeout: WORKER_START_MS }))).url()).host;
  };
  await start();

  const worker = async () => {
    const found = context.serviceWorkers().find((w) => w.url().includes(extensionId));
    return found ?? context.waitForEvent('serviceworker', { timeout: WORKER_START_MS });
  };
  const extPage = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    // As a person would: act once the page shows its state (typing into a field that is still
    // empty, then filled by the arriving state, appends to it).
    await page.locator('[aria-busy="false"]').first().waitFor();
    return page;
  };

  const driver: ChromiumDriver = {
    name: 'chromium',
    get context() {
      return context;
    },
    get extensionId() {
      return extensionId;
    },
    worker,
    pageOf: (tab) => pages.get(tab) as Page,
    open: async (url) => {
      const tabIds = async () => (await worker()).evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id as number));
      const before = new Set(await tabIds());
      const page = await context.newPage();
      // The new tab's id, known even when its URL is hidden from us (a host without access).
      const id = (await tabIds()).find((i) => !before.has(i));
      await page.goto(url, { waitUntil: 'load' });
      const tab = tabOf(page);
      pages.set(tab, page);
      if (id !== undefined) ids.set(tab, id);
      return tab;
    },
    tabId: async (tab) => {
      const known = ids.get(tab);
      if (known !== undefined) return known;
      const url = (pages.get(tab) as Page).url();
      const sw = await worker();
      const id = await sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
      if (id === undefined) throw new Error(`no tab shows ${url}`);
      return id;
    },
    popup: async (tab) => uiOf(await extPage(`src/popup/index.html${tab ? `?tab=${await driver.tabId(tab)}` : ''}`)),
    toolbarPopup: async (tab) => {
      const browser = await driver.devtoolsProtocol();
      const url = `chrome-extension://${extensionId}/src/popup/index.html`;
      const target = browser.waitForTarget((t) => t.url() === url, { timeout: 10_000 });
      // The tab a person looks at, then what clicking the toolbar button does (no ?tab=).
      await (pages.get(tab) as Page).bringToFront();
      await (await worker()).evaluate(() => chrome.action.openPopup());
      const page = (await (await target).asPage()) as import('puppeteer-core').Page;
      await until(() => page.evaluate(() => !!document.querySelector('[aria-busy="false"]')), 'the toolbar popup ready');
      return uiOver(pageSurface(page, () => page.reload()));
    },
    pressKeys: async (tab, chord) => {
      const page = pages.get(tab) as Page;
      await page.bringToFront();
      const cdp = await context.newCDPSession(page);
      // Raw key downs, as the browser window gets them: a chord the page does not take goes on to
      // the browser's accelerators, where extension commands are.
      const bits: Record<string, number> = { Alt: 1, Control: 2, Shift: 8 };
      let modifiers = 0;
      const keys = chordKeys(chord);
      for (const [key, code, keyCode] of keys) {
        modifiers |= bits[key] ?? 0;
        await cdp.send('Input.dispatchKeyEvent', {
          type: 'rawKeyDown',
          key,
          code,
          windowsVirtualKeyCode: keyCode,
          nativeVirtualKeyCode: keyCode,
          modifiers,
        });
      }
      for (const [key, code, keyCode] of keys.reverse()) {
        await cdp.send('Input.dispatchKeyEvent', {
          type: 'keyUp',
          key,
          code,
          windowsVirtualKeyCode: keyCode,
          nativeVirtualKeyCode: keyCode,
          modifiers,
        });
        modifiers &= ~(bits[key] ?? 0);
      }
      await cdp.detach();
    },
    typeAddress: async (tab, url) => {
      const page = pages.get(tab) as Page;
      const cdp = await context.newCDPSession(page);
      const loaded = page.waitForEvent('load');
      await cdp.send('Page.navigate', { url, transitionType: 'typed' });
      await loaded;
      await cdp.detach();
    },
    panel: async (tab) => uiOf(await extPage(`src/devtools/panel.html?tab=${await driver.tabId(tab)}`)),
    devtoolsProtocol: () => {
      cdp ??= readFile(join(profile, 'DevToolsActivePort'), 'utf8').then((file) =>
        puppeteer.connect({ browserURL: `http://127.0.0.1:${file.split('\n')[0]}`, defaultViewport: null }),
      );
      return cdp;
    },
    devtoolsPanel: async (tab) => {
      // DevTools' windows are targets Playwright does not attach to either: the same CDP connection.
      const page = pages.get(tab) as Page;
      const session = await context.newCDPSession(page);
      const { targetInfo } = await session.send('Target.getTargetInfo');
      await session.detach();
      return chromiumDevtoolsPanel(await driver.devtoolsProtocol(), targetInfo.targetId, page.url(), extensionId);
    },
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    options: async () => uiOf(await extPage('src/options/index.html')),
    rules: async () =>
      (await worker()).evaluate(async () => ({
        dynamic: await chrome.declarativeNetRequest.getDynamicRules(),
        session: await chrome.declarativeNetRequest.getSessionRules(),
      })) as Promise<Rules>,
    command: async (name, tab) => {
      const tabId = await driver.tabId(tab);
      return (await worker()).evaluate(
        ([n, id]) =>
          (
            globalThis as unknown as { divertSwitchTest: { onCommand(n: string, id: number): Promise<string> } }
          ).divertSwitchTest.onCommand(n, id),
        [name, tabId] as const,
      );
    },
    closeTab: async (id) => (await worker()).evaluate((i) => chrome.tabs.remove(i), id),
    badge: async (tab) => {
      const tabId = await driver.tabId(tab);
      return (await worker()).evaluate(
        async (id) => ({
          text: await chrome.action.getBadgeText({ tabId: id }),
          title: await chrome.action.getTitle({ tabId: id }),
        }),
        tabId,
      );
    },
    syncArea: async (items) =>
      (await worker()).evaluate(async (i) => {
        if (i) await chrome.storage.sync.set(i);
        return chrome.storage.sync.get(null);
      }, items),
    revoke: async (origins) =>
      (await worker()).evaluate(async (o) => chrome.permissions.remove({ origins: o }).catch(() => false), origins),
    stored: async (key) => (await worker()).evaluate(async (k) => (await chrome.storage.local.get(k))[k], key),
    session: async (key) => (await worker()).evaluate(async (k) => (await chrome.storage.session.get(k))[k], key),
    secret: async () => (await worker()).evaluate(readSecretStore),
    version: async () => (await worker()).evaluate(() => chrome.runtime.getManifest().version),
    origins: async () => (await worker()).evaluate(async () => (await chrome.permissions.getAll()).origins ?? []),
    contentWorldStorage: async (tab) => {
      // The recipe in shared/browser-testing.md: the extension's isolated world, found over CDP.
      const page = pages.get(tab) as Page;
      const cdp = await context.newCDPSession(page);
      const worlds: number[] = [];
      cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
        if (c.auxData?.type === 'isolated' && c.origin.startsWith(`chrome-extension://${extensionId}`)) worlds.push(c.id);
        else if (c.auxData?.type === 'isolated' && c.name === 'Divert Switch') worlds.push(c.id);
      });
      await cdp.send('Runtime.enable');
      await until(() => worlds.length > 0, 'the content-script world');
      const { result } = await cdp.send('Runtime.evaluate', {
        contextId: worlds[0],
        awaitPromise: true,
        returnByValue: true,
        expression: `(async () => {
          const area = (a) => chrome.storage[a].get(null).then((items) => ({ items }), (e) => ({ refused: e.message }));
          return JSON.stringify({ local: await area('local'), sync: await area('sync') });
        })()`,
      });
      await cdp.detach();
      return String(result.value);
    },
    removeAllRules: async () => {
      await (await worker()).evaluate(async () => {
        const ids = (await chrome.declarativeNetRequest.getDynamicRules()).map((r) => r.id);
        await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: ids });
      });
    },
    restart: async (next) => {
      await (await cdp?.catch(() => undefined))?.disconnect();
      await context.close();
      if (next) dist = next;
      await start();
      if (next) {
        // An unpacked build loaded anew keeps the service worker Chromium had registered for the
        // old one; the store's updater (and chrome://extensions' Update) reload the extension.
        const fresh = context.waitForEvent('serviceworker', { timeout: WORKER_START_MS });
        await (await worker()).evaluate(() => chrome.runtime.reload()).catch(() => undefined);
        await fresh;
      }
    },
    close: async () => {
      await (await cdp?.catch(() => undefined))?.disconnect();
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
  return driver;
}
