import type { Browser } from 'puppeteer-core';
import { until } from './driver';
import { inChrome } from './firefox-chrome';
import { NAME_SHIM, type Surface } from './surface';

/*
 * A document Firefox shows in a remote <browser> of its own window (the toolbar popup, the Divert
 * panel in the toolbox), which WebDriver BiDi lists as no browsing context. The window's chrome
 * scope (Firefox launched with --remote-allow-system-access) reaches it through the <browser>'s
 * message manager: a frame script in its process runs the test's script in a sandbox over its
 * document (as Firefox's own SpecialPowers.spawn does) and gives it real input, trusted mouse
 * events (Window.synthesizeMouseEvent) and key presses (nsITextInputProcessor), as a person's would be.
 */
const FRAME_SCRIPT = `{
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

/** In the chrome scope: one operation sent to a frame script in the document of the <browser> `find` names, its JSON answer. */
const run = (find: string, what: string, op: object, ms: number) => `(async () => {
  const b = ${find};
  if (!b) return JSON.stringify({ error: 'no ${what} is shown' });
  const mm = b.messageManager;
  const id = Math.random();
  return new Promise((resolve) => {
    const done = (m) => {
      if (m && m.data.id !== id) return;
      mm.removeMessageListener('divert-test:done', done);
      resolve(JSON.stringify(m ? m.data : { error: 'the ${what} did not answer in ${ms} ms' }));
    };
    mm.addMessageListener('divert-test:done', done);
    setTimeout(() => done(null), ${ms});
    // One script per operation, run once in the document now: a popup opened again may reuse the
    // <browser> element with a new document, where a script loaded before is gone.
    const data = encodeURIComponent(JSON.stringify({ id, ...${JSON.stringify(op)} }));
    const script = ${JSON.stringify(FRAME_SCRIPT)}.replace('DATA', JSON.stringify(data));
    mm.loadFrameScript('data:,' + encodeURIComponent(script), false);
  });
})()`;

/**
 * What a person does in the document of the <browser> that `find` (a chrome-scope expression)
 * names: run a script there, click, type and press keys with trusted input. `what` names it in errors.
 */
export function frameInput(
  browser: Browser,
  find: string,
  what: string,
): Pick<Surface, 'evaluate' | 'click' | 'typeText' | 'press'> {
  const send = async (op: object, ms = 30_000) => {
    const answer = JSON.parse(await inChrome(browser, run(find, what, op, ms))) as { value?: string; error?: string };
    if (answer.error) throw new Error(`${what}: ${answer.error}`);
    return JSON.parse(answer.value ?? 'null');
  };
  return {
    evaluate: (fn, ...args) =>
      send({
        op: 'eval',
        code: `${NAME_SHIM};(async () => JSON.stringify((await (${String(fn)})(...${JSON.stringify(args)})) ?? null))()`,
      }),
    click: (selector) => send({ op: 'click', selector }),
    typeText: (text) => send({ op: 'keys', text }),
    press: (key) => send({ op: 'keys', key }),
  };
}

/**
 * Until the document `surface` shows has loaded and shows its state ([aria-busy="false"]). One
 * probe may never answer: as a popup opens, Firefox can move its <browser> to another frame loader,
 * and a frame script loaded just before answers a message manager nobody listens to any more. A
 * probe with no answer in 5 s counts as "not yet", and the next one asks the document there now.
 */
export const frameReady = (surface: Pick<Surface, 'evaluate'>, what: string, ms = 30_000) =>
  until(
    () =>
      Promise.race([
        surface.evaluate(() => !!document.querySelector('[aria-busy="false"]')).catch(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000)),
      ]),
    what,
    ms,
  );
