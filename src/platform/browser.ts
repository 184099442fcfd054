import type { Browser } from 'webextension-polyfill';

/**
 * The extension API for everything but the background's message listener. In MV3 both Chrome's
 * chrome.* and Firefox's browser.* return promises, so pages (the popup above all: every kilobyte
 * is on the click path) use the native object, typed by webextension-polyfill.
 */
const g = globalThis as unknown as { browser?: Browser; chrome?: Browser };
export const browser: Browser = (g.browser ?? g.chrome) as Browser;
export type { Runtime, Tabs } from 'webextension-polyfill';

/**
 * APIs a browser the extension runs in may lack: Firefox for Android has no context menus, no
 * commands (keyboard shortcuts) and no DevTools (MDN, "Differences between desktop and Android
 * extensions"). The background and the pages ask here before touching them (devtools: devtools.ts).
 */
export const has = {
  contextMenus: (): boolean => !!(browser as Partial<Browser>).contextMenus,
  commands: (): boolean => !!(browser as Partial<Browser>).commands,
};
