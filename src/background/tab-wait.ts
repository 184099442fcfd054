import { browser, type Tabs } from '../platform/browser';

/** Resolves true once the tab passes `reached` (now or at a later update), false after `ms` or when it is gone. */
export function tabReaches(tabId: number, reached: (tab: Tabs.Tab) => boolean, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const listener = (id: number, _change: unknown, tab: Tabs.Tab) => {
      if (id === tabId && reached(tab)) done(true);
    };
    const done = (yes: boolean) => {
      browser.tabs.onUpdated.removeListener(listener);
      clearTimeout(timer);
      resolve(yes);
    };
    const timer = setTimeout(() => done(false), ms);
    browser.tabs.onUpdated.addListener(listener);
    void browser.tabs.get(tabId).then(
      (tab) => reached(tab) && done(true),
      () => done(false),
    );
  });
}
