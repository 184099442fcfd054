import type { Browser, Page } from 'puppeteer-core';
import { type Ui, until } from './driver';
import { inChrome } from './firefox-chrome';
import { frameInput, frameReady } from './firefox-frame';
import { type Surface, uiOver } from './surface';

/**
 * Firefox's toolbox, in the browser window's chrome scope: the toolbox of the selected tab and, in
 * it, the <browser> that shows the extension's Divert panel (a remote <browser> in the toolbox's
 * webext-panels frame, which WebDriver BiDi lists as no browsing context, like the toolbar popup).
 */
const TOOLBOX = `
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');
  const panelBrowser = (toolbox) =>
    [...(toolbox?.doc.querySelectorAll('iframe') ?? [])]
      .find((f) => String(f.src).includes('webext-panels'))
      ?.contentDocument?.querySelector('browser');`;

/** Opens the toolbox on the selected tab and selects the tool labelled Divert; what it shows then. */
const OPEN = `(async () => {${TOOLBOX}
  const tab = gBrowser.selectedTab;
  const toolbox = await gDevTools.showToolboxForTab(tab, { toolId: 'webconsole' });
  window.__divertToolbox = toolbox;
  let tool;
  for (let i = 0; i < 300 && !tool; i++) {
    tool = toolbox.getAdditionalTools().find((t) => t.label === 'Divert');
    if (!tool) await new Promise((r) => setTimeout(r, 100));
  }
  if (!tool) return JSON.stringify({ tools: toolbox.getAdditionalTools().map((t) => t.label) });
  await toolbox.selectTool(tool.id);
  window.__divertPanelBrowser = () => panelBrowser(window.__divertToolbox);
  return JSON.stringify({ inspected: gBrowser.selectedBrowser.currentURI.spec });
})()`;

/** What the panel's <browser> shows now: its URL and its document's title. */
const SHOWS = `Promise.resolve(JSON.stringify((() => {
  const b = window.__divertPanelBrowser?.();
  return { url: b?.currentURI?.spec ?? '', title: b?.contentTitle ?? '' };
})()))`;

/**
 * The Divert panel where a person finds it in Firefox: the tab brought to the front, its toolbox
 * opened (gDevTools.showToolboxForTab, what F12 does) and the Divert tool selected; the panel's
 * document then driven with real input through a frame script in its process (firefox-frame.ts).
 */
export async function firefoxDevtoolsPanel(browser: Browser, page: Page, panelUrl: string): Promise<Ui> {
  await page.bringToFront();
  const opened = JSON.parse(await inChrome(browser, OPEN)) as { inspected?: string; tools?: string[] };
  if (opened.inspected !== page.url())
    throw new Error(`the toolbox of ${page.url()} shows no Divert tool: ${JSON.stringify(opened)}`);
  await until(async () => {
    const shows = JSON.parse(await inChrome(browser, SHOWS)) as { url: string; title: string };
    return shows.url.startsWith(panelUrl) && shows.title === 'Divert';
  }, 'the Divert panel loaded in the toolbox');
  const input = frameInput(browser, 'window.__divertPanelBrowser?.()', 'Divert panel');
  const { evaluate } = input;
  const surface: Surface = {
    ...input,
    // As puppeteer's page.select does: the option chosen, then the events a person's choice fires.
    select: async (selector, value) => {
      await evaluate(
        (q: string, v: string) => {
          const el = document.querySelector(q) as HTMLSelectElement;
          el.value = v;
          el.dispatchEvent(new Event('input', { bubbles: true }));
          el.dispatchEvent(new Event('change', { bubbles: true }));
        },
        selector,
        value,
      );
    },
    upload: () => Promise.reject(new Error('the Divert panel has no file input')),
    screenshot: () => Promise.reject(new Error('no screenshot of the panel in DevTools')),
    reload: () => Promise.reject(new Error('open the panel again instead')),
    close: async () => {
      await inChrome(browser, 'window.__divertToolbox.destroy().then(() => "closed")');
    },
  };
  await frameReady({ evaluate }, 'the panel ready in the toolbox');
  return uiOver(surface);
}
