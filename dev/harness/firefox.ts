import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { zipSync } from 'fflate';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DIST } from '../dist';
import { FIREFOX_UUID, GECKO_ID } from '../hosts';
import { askBadgeWorld, type Driver, type Rules, readPageBadge, readSecretStore, type Tab, type Ui, until } from './driver';
import { answerPermissionPrompt, chooseInLinkMenu, inChrome, keysInWindow, permissionPrompts } from './firefox-chrome';
import { firefoxDevtoolsPanel } from './firefox-devtools';
import { frameReady } from './firefox-frame';
import { popupShows, popupSurface } from './firefox-popup';
import { firefoxLaunch, newFirefoxProfile } from './firefox-profile';
import { pageSurface, uiOver } from './surface';

export { FIREFOX, FIREFOX_TEST_PREFS } from './firefox-profile';

const FIREFOX_DIST = resolve(DIST, 'e2e-firefox');
const BASE = `moz-extension://${FIREFOX_UUID}/`;

export interface FirefoxDriver extends Driver {
  readonly browser: Browser;
  /** Opens one of the extension's pages in a new tab (npm run bench times them from inside). */
  extPage(path: string): Promise<Page>;
  /** The page behind a tab this driver opened. */
  pageOf(tab: Tab): Page;
  /** Removes every dynamic rule behind the extension's back, as a browser bug might. */
  removeAllRules(): Promise<void>;
  /**
   * A real right-click on the element at `selector` in `tab`, then, in the browser's own context
   * menu, the items named `labels` in turn (headless Chromium shows no context menu at all).
   */
  linkMenu(tab: Tab, selector: string, labels: string[]): Promise<void>;
  /** Firefox's own permission prompts on or (the harness's default) off. */
  permissionPrompts(on: boolean): Promise<void>;
  /** Answers the permission prompt Firefox shows (waiting for it): Allow, or the other button; returns its text. */
  answerPermissionPrompt(allow: boolean): Promise<string>;
  /** Closes Firefox and starts it again with the same profile (needs `persistent`); given another build, installs it (an update). */
  restart(dist?: string): Promise<void>;
}

export interface FirefoxOptions {
  /**
   * Install the build as an add-on of the profile (an unsigned .xpi, which Firefox ESR accepts with
   * xpinstall.signatures.required off) instead of a temporary one, so it survives a restart.
   */
  persistent?: boolean;
  /** npm start -- --firefox with a display: a window a person uses. */
  headless?: boolean;
}

/** An unpacked build as the .xpi file a profile installs (a plain zip of its files). */
async function writeXpi(dist: string, file: string): Promise<void> {
  const entries: Record<string, Uint8Array> = {};
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else entries[relative(dist, path).split(sep).join('/')] = await readFile(path);
    }
  };
  await walk(dist);
  await writeFile(file, zipSync(entries));
}

export async function launchFirefox(
  dist = FIREFOX_DIST,
  { persistent = false, headless = true }: FirefoxOptions = {},
): Promise<FirefoxDriver> {
  const profile = await newFirefoxProfile();
  const xpi = join(profile, 'extensions', `${GECKO_ID}.xpi`);
  if (persistent) {
    await mkdir(join(profile, 'extensions'), { recursive: true });
    await writeXpi(dist, xpi);
  }
  let browser: Browser;
  const launch = () => puppeteer.launch(firefoxLaunch(profile, { persistent, headless }));
  browser = await launch();
  if (!persistent) await browser.installExtension(dist);
  const pages = new WeakMap<Tab, Page>();
  const ids = new WeakMap<Tab, number>();

  // No BiDi load event for extension documents through page.goto: navigate with BiDi itself.
  const navigate = (page: Page, url: string) =>
    (browser as unknown as { connection: { send(m: string, p: object): Promise<unknown> } }).connection.send(
      'browsingContext.navigate',
      { context: (page.mainFrame() as unknown as { _id: string })._id, url, wait: 'complete' },
    );

  const extPage = async (path: string) => {
    const page = await browser.newPage();
    await navigate(page, BASE + path);
    return page;
  };
  /**
   * As a person would: act once the page shows its state (typing into a field that is still
   * empty, then filled by the arriving state, appends to it).
   */
  const ready = async (page: Page) => {
    await until(() => page.evaluate(() => !!document.querySelector('[aria-busy="false"]')), 'the page ready');
    return page;
  };
  // One extension page kept open to ask the extension APIs (rules, tab ids).
  let control: Page;
  const openControl = async () => {
    control = (await until(
      () => extPage('src/options/index.html').catch(() => undefined),
      'the extension loaded',
      20_000,
    )) as Page;
    await until(() => inExt(async () => chrome.runtime.getURL('') !== ''), 'extension ready');
  };
  const inExt = <T>(fn: () => Promise<T>) => control.evaluate(fn) as Promise<T>;
  await openControl();

  const uiOf = (page: Page): Ui => uiOver(pageSurface(page, () => navigate(page, page.url())));

  const driver: FirefoxDriver = {
    name: 'firefox',
    get browser() {
      return browser;
    },
    extPage,
    pageOf: (tab) => pages.get(tab) as Page,
    removeAllRules: () =>
      inExt(async () => {
        const ids = (await chrome.declarativeNetRequest.getDynamicRules()).map((r) => r.id);
        await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: ids });
      }),
    restart: async (next) => {
      if (!persistent) throw new Error('a temporary add-on does not survive a restart: launch with { persistent: true }');
      await browser.close();
      if (next) await writeXpi(next, xpi);
      browser = await launch();
      await openControl();
    },
    open: async (url) => {
      const tabIds = () => control.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id as number));
      const before = new Set(await tabIds());
      const page = await browser.newPage();
      const id = (await tabIds()).find((i) => !before.has(i));
      await page.goto(url, { waitUntil: 'load' });
      const tab: Tab = {
        goto: async (u) => void (await page.goto(u, { waitUntil: 'load' })),
        reload: async () => void (await page.reload({ waitUntil: 'load' })),
        title: () => page.title(),
        textOf: (sel) => page.$eval(sel, (el) => el.textContent ?? ''),
        pageBadge: () => page.evaluate(readPageBadge),
        run: (code) => page.evaluate(code),
        frames: () =>
          Promise.all(
            page
              .frames()
              .filter((f) => f !== page.mainFrame())
              .map(async (f) => ({
                url: f.url(),
                text: await f.evaluate(() => document.body?.textContent ?? '').catch(() => ''),
              })),
          ),
        close: () => page.close(),
      };
      pages.set(tab, page);
      if (id !== undefined) ids.set(tab, id);
      return tab;
    },
    tabId: async (tab) => {
      const known = ids.get(tab);
      if (known !== undefined) return known;
      const url = (pages.get(tab) as Page).url();
      const id = await control.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
      if (id === undefined) throw new Error(`no tab shows ${url}`);
      return id;
    },
    popup: async (tab) => uiOf(await ready(await extPage(`src/popup/index.html${tab ? `?tab=${await driver.tabId(tab)}` : ''}`))),
    toolbarPopup: async (tab) => {
      await (pages.get(tab) as Page).bringToFront();
      // A popup a failed test left open goes first, as a click elsewhere would close it.
      if (await popupShows(browser, BASE)) await popupSurface(browser).close();
      // From the background page, with no user gesture, as the extension opens it itself.
      await control.evaluate(async () => {
        const bg = (await (
          chrome.runtime as unknown as { getBackgroundPage(): Promise<Window> }
        ).getBackgroundPage()) as unknown as {
          chrome: typeof chrome;
        };
        await bg.chrome.action.openPopup();
      });
      await until(() => popupShows(browser, `${BASE}src/popup/index.html`), 'the toolbar popup to open');
      const surface = popupSurface(browser);
      // Until its document has loaded and shows its state; a busy machine can take its time.
      await frameReady(surface, 'the toolbar popup ready');
      return uiOver(surface);
    },
    pressKeys: async (tab, chord) => {
      await (pages.get(tab) as Page).bringToFront();
      await inChrome(browser, 'Promise.resolve(String(gBrowser.selectedBrowser.focus()))');
      await keysInWindow(browser, chord);
    },
    typeAddress: async (tab, url) => {
      const page = pages.get(tab) as Page;
      await page.bringToFront();
      // What is typed is what loads: no autofill of a longer URL seen before.
      await inChrome(
        browser,
        `Promise.resolve(String(Services.prefs.setBoolPref('browser.urlbar.autoFill', false), gURLBar.focus(), gURLBar.select()))`,
      );
      const loaded = page.waitForNavigation({ waitUntil: 'load' });
      await keysInWindow(browser, 'Enter', url);
      await loaded;
    },
    permissionPrompts: async (on) => void (await permissionPrompts(browser, on)),
    answerPermissionPrompt: (allow) => answerPermissionPrompt(browser, allow),
    linkMenu: async (tab, selector, labels) => {
      const page = pages.get(tab) as Page;
      await page.bringToFront();
      await page.click(selector, { button: 'right' });
      await chooseInLinkMenu(browser, labels);
    },
    panel: async (tab) => uiOf(await ready(await extPage(`src/devtools/panel.html?tab=${await driver.tabId(tab)}`))),
    devtoolsPanel: (tab) => firefoxDevtoolsPanel(browser, pages.get(tab) as Page, `${BASE}src/devtools/panel.html`),
    extensionUrl: (path) => BASE + path,
    options: async () => uiOf(await ready(await extPage('src/options/index.html'))),
    rules: () =>
      inExt(async () => ({
        dynamic: await chrome.declarativeNetRequest.getDynamicRules(),
        session: await chrome.declarativeNetRequest.getSessionRules(),
      })) as Promise<Rules>,
    command: async (name, tab) => {
      const tabId = await driver.tabId(tab);
      return control.evaluate(
        async (n, id) => {
          const bg = (await (
            chrome.runtime as unknown as { getBackgroundPage(): Promise<Window> }
          ).getBackgroundPage()) as unknown as {
            divertSwitchTest: { onCommand(n: string, id: number): Promise<string> };
          };
          return bg.divertSwitchTest.onCommand(n, id);
        },
        name,
        tabId,
      );
    },
    closeTab: (id) => control.evaluate((i) => chrome.tabs.remove(i), id),
    badge: async (tab) => {
      const tabId = await driver.tabId(tab);
      return control.evaluate(
        async (id) => ({
          text: await chrome.action.getBadgeText({ tabId: id }),
          title: await chrome.action.getTitle({ tabId: id }),
        }),
        tabId,
      );
    },
    syncArea: (items) =>
      control.evaluate(async (i) => {
        if (i) await chrome.storage.sync.set(i);
        return chrome.storage.sync.get(null);
      }, items),
    revoke: (origins) => control.evaluate(async (o) => chrome.permissions.remove({ origins: o }).catch(() => false), origins),
    stored: (key) => control.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key),
    session: (key) => control.evaluate(async (k) => (await chrome.storage.session.get(k))[k], key),
    secret: () => control.evaluate(readSecretStore),
    version: () => control.evaluate(() => chrome.runtime.getManifest().version),
    origins: () => control.evaluate(async () => (await chrome.permissions.getAll()).origins ?? []),
    // BiDi does not reach a content script's sandbox: the e2e build's badge runs a fixed check.
    contentWorldStorage: askBadgeWorld,
    close: async () => {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
  return driver;
}
