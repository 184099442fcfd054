import { browser, type Tabs } from '../platform/browser';
import { tabReaches } from './tab-wait';

/** A new tab beside `from`, active. */
export const newTab = (url: string, from?: Tabs.Tab) =>
  browser.tabs.create({
    url,
    active: true,
    ...(from?.index !== undefined ? { index: from.index + 1 } : {}),
    ...(from?.windowId !== undefined ? { windowId: from.windowId } : {}),
    ...(from?.id !== undefined ? { openerTabId: from.id } : {}),
    // No cookieStoreId: Firefox would want the cookies permission for it, so a link in a
    // container opens in the default one (said in the README).
  });

/** The new tab's blank page loaded (≤ 1 s): Chromium left a tab navigated earlier "unloaded", never committed. */
export const blankLoaded = (tabId: number) => tabReaches(tabId, (tab) => tab.status === 'complete', 1000);
