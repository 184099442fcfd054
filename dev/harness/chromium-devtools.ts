import type { CDPSession, Browser as CdpBrowser, Frame, Page, Target } from 'puppeteer-core';
import { type Ui, until } from './driver';
import { NAME_SHIM, type Surface, uiOver } from './surface';

/** puppeteer-core keeps a target's CDP id private; the DevTools window is found by it. */
const idOf = (t: Target) => (t as unknown as { _targetId: string })._targetId;

/** In the DevTools front end: its panels (ids) and the page it inspects. */
const FRONT_END = `(async () => {
  const UI = await import('./ui/legacy/legacy.js');
  const SDK = await import('./core/sdk/sdk.js');
  const iv = UI.InspectorView.InspectorView.instance();
  const page = SDK.TargetManager.TargetManager.instance().primaryPageTarget();
  return JSON.stringify({ panels: iv.tabbedPane.tabIds(), inspected: page ? page.inspectedURL() : '' });
})()`;

async function frontEnd(session: CDPSession): Promise<{ panels: string[]; inspected: string } | undefined> {
  const { result } = await session
    .send('Runtime.evaluate', { expression: FRONT_END, awaitPromise: true, returnByValue: true })
    .catch(() => ({ result: { value: undefined } }));
  // Before the front end has made its views, the import throws: not ready yet.
  return typeof result.value === 'string' ? JSON.parse(result.value) : undefined;
}

/**
 * The Divert panel where a person finds it in Chromium: DevTools opened on the tab (the window F12
 * opens, through CDP's Target.openDevTools), the panel picked among DevTools' tabs (the front end's
 * InspectorView, as a click on the tab does), then its page, a frame of DevTools, driven by real
 * input over CDP. Fails when DevTools lists no Divert tab (a CSP that forbids DevTools to frame it).
 */
export async function chromiumDevtoolsPanel(
  browser: CdpBrowser,
  tabTargetId: string,
  tabUrl: string,
  extensionId: string,
): Promise<Ui> {
  const root = await browser.target().createCDPSession();
  const { targetId } = (await root.send('Target.openDevTools' as never, { targetId: tabTargetId } as never)) as {
    targetId: string;
  };
  const devtools = await browser.waitForTarget((t) => idOf(t) === targetId, { timeout: 20_000 });
  const session = await devtools.createCDPSession();
  const panelId = `chrome-extension://${extensionId}Divert`;
  const shown = await until(
    async () => {
      const seen = await frontEnd(session);
      return seen?.panels.includes(panelId) && seen.inspected === tabUrl ? seen : undefined;
    },
    'DevTools of the tab to list the Divert panel',
    30_000,
  );
  if (!shown) throw new Error('unreachable');
  const panelUrl = `chrome-extension://${extensionId}/src/devtools/panel.html`;
  // DevTools' window as a page: the panel is a frame of it (out of process), with its own document.
  const window = (await devtools.asPage()) as Page;
  await session.send('Runtime.evaluate', {
    expression: `import('./ui/legacy/legacy.js').then((UI) => UI.InspectorView.InspectorView.instance().showPanel(${JSON.stringify(panelId)}))`,
    awaitPromise: true,
  });
  const frame = (await until(
    async () => window.frames().find((f) => f.url().startsWith(panelUrl)),
    'the Divert panel shown in DevTools',
  )) as Frame;
  await until(
    () => frame.evaluate(() => !!document.querySelector('[aria-busy="false"]')).catch(() => false),
    'the panel ready in DevTools',
  );
  const surface: Surface = {
    evaluate: async (fn, ...args) => {
      await frame.evaluate(NAME_SHIM);
      return frame.evaluate(fn as (...a: unknown[]) => unknown, ...args) as never;
    },
    click: (sel) => frame.click(sel),
    typeText: (text) => window.keyboard.type(text),
    press: (key) => window.keyboard.press(key),
    select: async (sel, value) => void (await frame.select(sel, value)),
    upload: () => Promise.reject(new Error('the Divert panel has no file input')),
    screenshot: () => Promise.reject(new Error('no screenshot of the panel in DevTools')),
    reload: () => Promise.reject(new Error('open the panel again instead')),
    close: () => Promise.resolve(),
  };
  return uiOver({
    ...surface,
    // Closing the panel is closing DevTools, as a person does.
    close: async () => {
      await root.send('Target.closeTarget', { targetId }).catch(() => undefined);
      await root.detach().catch(() => undefined);
    },
  });
}
