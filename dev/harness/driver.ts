/** What a spec needs from a browser, the same for Chromium (Playwright) and Firefox (puppeteer BiDi). */
export type Role =
  | 'switch'
  | 'checkbox'
  | 'combobox'
  | 'textbox'
  | 'button'
  | 'status'
  | 'alert'
  | 'option'
  | 'row'
  | 'region'
  | 'img';

export interface Tab {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  title(): Promise<string>;
  /** Text of the first element matching a CSS selector. */
  textOf(selector: string): Promise<string>;
  /** The page badge as the page sees it: its open shadow root's status text and any element count. */
  pageBadge(): Promise<{ text: string; imgs: number } | null>;
  /** Runs a script in the page (a test's stand-in for page code). */
  run(code: string): Promise<unknown>;
  /** The page's frames (not the page itself): each one's URL and the text it shows ('' when none can be read). */
  frames(): Promise<{ url: string; text: string }[]>;
  close(): Promise<void>;
}

/** An extension page (popup or options) driven through its accessible names, as a person would. */
export interface Ui {
  click(role: Role, name: string): Promise<void>;
  /** Replaces the text of a field by typing, then presses Enter when `enter`. */
  type(role: Role, name: string, text: string, enter?: boolean): Promise<void>;
  isChecked(role: Role, name: string): Promise<boolean>;
  isDisabled(role: Role, name: string): Promise<boolean>;
  /** Text of the visible element with this role ('' when there is none). */
  text(role: Role): Promise<string>;
  /** Waits (bounded) until the element with `role` contains `text`; returns its text. */
  waitText(role: Role, text: string | RegExp): Promise<string>;
  exists(role: Role, name: string): Promise<boolean>;
  /** All the text the page shows. */
  pageText(): Promise<string>;
  /** The value of a field (a read-only textbox, say). */
  value(role: Role, name: string): Promise<string>;
  /**
   * Clicks a control that copies, and returns the text it handed the clipboard: headless browsers
   * give a test no clipboard to read, so the page's writeText is watched for that one click.
   */
  clickAndCopy(role: Role, name: string): Promise<string>;
  /** A PNG of the visible element with this role and name, as the screen shows it (a QR code to decode). */
  screenshot(role: Role, name: string): Promise<Uint8Array>;
  /** The text of every visible row (role row: a table's header row too), top to bottom. */
  rows(): Promise<string[]>;
  /** Clicks the button named `name` inside the first visible row whose text contains `row`. */
  clickInRow(row: string, name: string): Promise<void>;
  /** Chooses `value` in the select labelled `name`, as a person would. */
  select(name: string, value: string): Promise<void>;
  /** Chooses a file in the file input labelled `name`, as a person picking it would. */
  upload(name: string, path: string): Promise<void>;
  reload(): Promise<void>;
  close(): Promise<void>;
}

/** In the page: the next text written to the clipboard is kept where the test reads it. */
export function watchClipboard(): void {
  Object.defineProperty(navigator.clipboard, 'writeText', {
    configurable: true,
    value: (text: string) => {
      document.documentElement.dataset.copied = text;
      return Promise.resolve();
    },
  });
  delete document.documentElement.dataset.copied;
}

const MODIFIERS: Record<string, [string, string, number]> = {
  Alt: ['Alt', 'AltLeft', 18],
  Shift: ['Shift', 'ShiftLeft', 16],
  Ctrl: ['Control', 'ControlLeft', 17],
};

/** [key, code, keyCode] of each key of a chord such as 'Alt+Shift+D' (modifiers first), or of 'Enter'. */
export function chordKeys(chord: string): [string, string, number][] {
  return chord.split('+').map((k) => {
    if (MODIFIERS[k]) return MODIFIERS[k];
    if (k === 'Enter') return ['Enter', 'Enter', 13];
    if (/^[A-Z]$/.test(k)) return [k, `Key${k}`, k.charCodeAt(0)];
    throw new Error(`no key ${k} in ${chord}`);
  });
}

export interface Rules {
  dynamic: chrome.declarativeNetRequest.Rule[];
  session: chrome.declarativeNetRequest.Rule[];
}

export interface Driver {
  name: 'chromium' | 'firefox';
  /** Opens a new tab at `url` and waits for it to load. */
  open(url: string): Promise<Tab>;
  tabId(tab: Tab): Promise<number>;
  popup(tab?: Tab): Promise<Ui>;
  /**
   * The popup where the toolbar button opens it: `tab` brought to the front, then
   * `action.openPopup()` from the background (no `?tab=`: the popup finds the active tab itself),
   * driven in the browser's own popup host. Close it before opening another.
   */
  toolbarPopup(tab: Tab): Promise<Ui>;
  /** The DevTools panel's page for `tab`, opened as an extension page with ?tab= (as the popup is). */
  panel(tab: Tab): Promise<Ui>;
  /**
   * The Divert panel where a person opens it: DevTools (Firefox: the toolbox) opened on `tab`, its
   * Divert tab selected, the panel's page driven in its DevTools frame. `close` closes DevTools.
   */
  devtoolsPanel(tab: Tab): Promise<Ui>;
  /** The URL of a file of the extension (chrome-extension://<id>/… or moz-extension://<uuid>/…). */
  extensionUrl(path: string): string;
  options(): Promise<Ui>;
  rules(): Promise<Rules>;
  /** A value from the extension's storage.local (read in an extension context). */
  stored(key: string): Promise<unknown>;
  /** A value from the extension's storage.session (what the background learned about tabs). */
  session(key: string): Promise<unknown>;
  /** The Okteto token as the extension keeps it (its origin's IndexedDB), read in an extension context. */
  secret(): Promise<unknown>;
  /** The version of the extension running now (its manifest). */
  version(): Promise<string>;
  /** The host access the extension holds now. */
  origins(): Promise<string[]>;
  /**
   * What code running in the page badge's content-script world gets from the extension's storage
   * areas, as JSON `{ local, sync }`, each `{ items }` or `{ refused }`. Chromium evaluates there
   * over CDP (as an attacker's code would run); Firefox asks the e2e build's fixed check.
   */
  contentWorldStorage(tab: Tab): Promise<string>;
  /** Revokes host permissions as a user would in the browser's settings; false when the browser refuses. */
  revoke(origins: string[]): Promise<boolean>;
  /** Everything in storage.sync, or, with `items`, writes them there first (as another browser would). */
  syncArea(items?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Runs the background's handler of a keyboard shortcut for `tab` (e2e builds expose it). */
  command(name: string, tab: Tab): Promise<string>;
  /**
   * Presses a key chord ('Alt+Shift+D') with `tab` in front, as raw key events the browser's own
   * shortcut handling gets (Chromium: CDP Input.dispatchKeyEvent; Firefox: the window's chrome scope).
   */
  pressKeys(tab: Tab, chord: string): Promise<void>;
  /**
   * Types `url` into `tab`'s address bar and presses Enter, then waits for the page to load. Firefox:
   * its real address bar. Headless Chromium draws none: a navigation over CDP with transition "typed".
   */
  typeAddress(tab: Tab, url: string): Promise<void>;
  /** The toolbar badge text and title of `tab`. */
  badge(tab: Tab): Promise<{ text: string; title: string }>;
  /** Closes a tab the test did not open itself (one the extension opened), by its id. */
  closeTab(id: number): Promise<void>;
  close(): Promise<void>;
}

/** Polls `probe` until it returns something truthy; every wait in the e2e suite is bounded. */
export async function until<T>(probe: () => Promise<T> | T, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** Fired in a page: the e2e build's page badge answers with what its world reads of storage. */
export async function askBadgeWorld(tab: Tab): Promise<string> {
  await tab.run(`delete document.documentElement.dataset.divertTestStorage;
    document.dispatchEvent(new Event('divert-test:storage'))`);
  return String(await until(() => tab.run('document.documentElement.dataset.divertTestStorage'), 'the badge world answered'));
}

/** In an extension context: the (first) token the secret store (platform/secrets.ts) holds. Serialized. */
export function readSecretStore(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('divert-switch-secrets', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('secrets');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      // Each instance's token under its own key (okteto:<origin>); the first one, or null.
      const get = db.transaction('secrets').objectStore('secrets').getAll();
      get.onsuccess = () => {
        db.close();
        resolve(get.result?.[0] ?? null);
      };
      get.onerror = () => reject(get.error);
    };
  });
}

/** In the page: the divert-switch-badge element's status text (null when there is none). Serialized. */
export function readPageBadge(): { text: string; imgs: number } | null {
  const host = document.querySelector('divert-switch-badge');
  const root = host?.shadowRoot;
  if (!root) return null;
  return { text: root.querySelector('[role="status"]')?.textContent ?? '', imgs: root.querySelectorAll('img').length };
}

/** In the page: the visible rows' texts, whitespace collapsed. Serialized. */
export function rowTexts(): string[] {
  return [...document.querySelectorAll('tr, [role="row"]')]
    .filter((el) => (el as HTMLElement).getClientRects().length > 0)
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());
}

/** In the page: marks the button named `name` in the first visible row containing `row`. Serialized. */
export function markInRow(row: string, name: string, mark: string): boolean {
  for (const el of document.querySelectorAll(`[data-e2e="${mark}"]`)) el.removeAttribute('data-e2e');
  const rows = [...document.querySelectorAll('tr, [role="row"]')].filter(
    (el) => (el as HTMLElement).getClientRects().length > 0 && (el.textContent ?? '').includes(row),
  );
  const named = (el: Element) => (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim() === name;
  const found = rows.map((r) => [...r.querySelectorAll('button, [role="button"]')].find(named)).find(Boolean);
  found?.setAttribute('data-e2e', mark);
  return !!found;
}
