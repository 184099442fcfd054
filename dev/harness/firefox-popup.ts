import type { Browser } from 'puppeteer-core';
import { until } from './driver';
import { inChrome } from './firefox-chrome';
import { NAME_SHIM, type Surface } from './surface';

/**
 * Firefox's toolbar popup, where `action.openPopup()` puts it: a remote <browser> in a panel of the
 * browser window, which WebDriver BiDi lists as no browsing context. The window's chrome scope
 * (Firefox launched with --remote-allow-system-access) reaches it through the <browser>'s message
 * manager: a frame script in the popup's process runs the test's script in a sandbox over the
 * popup's document (as Firefox's own SpecialPowers.spawn does) and gives it real input, trusted
 * mouse events (Window.synthesizeMouseEvent) and key presses (nsITextInputProcessor), as a person's would be.
 */
export const FRAME_SCRIPT = `{
const sandbox = Cu.Sandbox(content, { sandboxPrototype: content, wantXrays: false });
const keys = { Enter: ['Enter', 13], Backspace: ['Backspace', 8] };
function press(tip, key, code, keyCode) {
  const event = new content.KeyboardEvent('', { key, code, keyCode });
  tip.keydown(event);
  tip.keyup(event);
}
const ops = {
  // The test's function, JSON-encoded in the popup's own world.
  eval: ({ code }) => Cu.evalInSandbox(code, sandbox),
  click: ({ selector }) => {
    const el = content.document.querySelector(selector);
    if (!el) throw new Error('no element ' + selector);
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
    // Window.synthesizeMouseEvent (chrome only): what Firefox's own WebDriver input uses.
    content.synthesizeMouseEvent('mousemove', x, y, { button: 0, buttons: 0, clickCount: 0 }, {});
    content.synthesizeMouseEvent('mousedown', x, y, { button: 0, buttons: 1, clickCount: 1 }, {});
    content.synthesizeMouseEvent('mouseup', x, y, { button: 0, buttons: 0, clickCount: 1 }, {});
  },
  keys: ({ text, key }) => {
    const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
    if (!tip.beginInputTransactionForTests(content)) throw new Error('no input transaction');
    if (key) press(tip, keys[key][0], keys[key][0], keys[key][1]);
    for (const ch of text ?? '') press(tip, ch, '', 0);
  },
};
const data = JSON.parse(decodeURIComponent(DATA));
Promise.resolve()
  .then(() => ops[data.op](data))
  .then(
    (json) => sendAsyncMessage('divert-test:done', { id: data.id, value: typeof json === 'string' ? json : 'null' }),
    (e) => sendAsyncMessage('divert-test:done', { id: data.id, error: String(e) }),
  );
}`;

const POPUP = 'browser.webextension-popup-browser';

/** In the chrome scope: one operation sent to the frame script of the open popup, its JSON answer. */
const run = (op: object, ms: number) => `(async () => {
  const b = document.querySelector(${JSON.stringify(POPUP)});
  if (!b) return JSON.stringify({ error: 'no popup is open' });
  const mm = b.messageManager;
  const id = Math.random();
  return new Promise((resolve) => {
    const done = (m) => {
      if (m && m.data.id !== id) return;
      mm.removeMessageListener('divert-test:done', done);
      resolve(JSON.stringify(m ? m.data : { error: 'the popup did not answer in ${ms} ms' }));
    };
    mm.addMessageListener('divert-test:done', done);
    setTimeout(() => done(null), ${ms});
    // One script per operation, run once in the popup's document now: a popup opened again may
    // reuse the <browser> element with a new document, where a script loaded before is gone.
    const data = encodeURIComponent(JSON.stringify({ id, ...${JSON.stringify(op)} }));
    const script = ${JSON.stringify(FRAME_SCRIPT)}.replace('DATA', JSON.stringify(data));
    mm.loadFrameScript('data:,' + encodeURIComponent(script), false);
  });
})()`;

/** Whether the popup shows at `url` (its first part) in the browser window now. */
export const popupShows = async (browser: Browser, url: string) =>
  (
    await inChrome(browser, `Promise.resolve(String(document.querySelector(${JSON.stringify(POPUP)})?.currentURI?.spec ?? ''))`)
  ).startsWith(url);

/** The open toolbar popup as a Surface. */
export function popupSurface(browser: Browser): Surface {
  const send = async (op: object, ms = 10_000) => {
    const answer = JSON.parse(await inChrome(browser, run(op, ms))) as { value?: string; error?: string };
    if (answer.error) throw new Error(`toolbar popup: ${answer.error}`);
    return JSON.parse(answer.value ?? 'null');
  };
  const unsupported = (what: string) => () => Promise.reject(new Error(`the toolbar popup has no ${what}`));
  return {
    evaluate: (fn, ...args) =>
      send({
        op: 'eval',
        code: `${NAME_SHIM};(async () => JSON.stringify((await (${String(fn)})(...${JSON.stringify(args)})) ?? null))()`,
      }),
    click: (selector) => send({ op: 'click', selector }),
    typeText: (text) => send({ op: 'keys', text }),
    press: (key) => send({ op: 'keys', key }),
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
