import type { Browser } from 'puppeteer-core';
import { until } from './driver';
import { inChrome } from './firefox-chrome';
import { frameInput } from './firefox-frame';
import type { Surface } from './surface';

/**
 * Firefox's toolbar popup, where `action.openPopup()` puts it: a remote <browser> in a panel of the
 * browser window, driven through a frame script in its process (firefox-frame.ts).
 */
const POPUP = 'browser.webextension-popup-browser';

/** Whether the popup shows at `url` (its first part) in the browser window now. */
export const popupShows = async (browser: Browser, url: string) =>
  (
    await inChrome(browser, `Promise.resolve(String(document.querySelector(${JSON.stringify(POPUP)})?.currentURI?.spec ?? ''))`)
  ).startsWith(url);

/** The open toolbar popup as a Surface. */
export function popupSurface(browser: Browser): Surface {
  const unsupported = (what: string) => () => Promise.reject(new Error(`the toolbar popup has no ${what}`));
  return {
    ...frameInput(browser, `document.querySelector(${JSON.stringify(POPUP)})`, 'toolbar popup'),
    select: unsupported('select'),
    upload: unsupported('file input'),
    screenshot: unsupported('screenshot'),
    reload: unsupported('reload: open it again'),
    close: async () => {
      // As a person's Escape or click elsewhere would: the panel closes and its document goes.
      await inChrome(
        browser,
        `Promise.resolve(String(document.querySelector(${JSON.stringify(POPUP)})?.closest('panel')?.hidePopup()))`,
      );
      await until(async () => !(await popupShows(browser, 'moz-extension:')), 'the toolbar popup to close');
    },
  };
}
