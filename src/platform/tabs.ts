import { browser } from './browser';

export async function allTabs(): Promise<{ id?: number; url?: string; status?: string; incognito?: boolean }[]> {
  return browser.tabs.query({});
}

/** Tells a tab's page badge something; false when no badge script listens in that tab. */
export async function tellTab(tabId: number, message: unknown): Promise<boolean> {
  try {
    await browser.tabs.sendMessage(tabId, message);
    return true;
  } catch {
    return false;
  }
}

/** Whether a tab's page has finished loading (false for a tab that is gone). */
export async function tabLoaded(tabId: number): Promise<boolean> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  return tab !== undefined && tab.status !== 'loading';
}

/**
 * A private window or a Firefox container keeps cookies apart from the regular profile: a request
 * the background sends (the probe, a compare) would carry the regular profile's, so it sends none
 * there. True for a tab that is gone.
 */
export async function keepsCookiesApart(tabId: number): Promise<boolean> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  return !tab || tab.incognito || (tab.cookieStoreId !== undefined && tab.cookieStoreId !== 'firefox-default');
}
