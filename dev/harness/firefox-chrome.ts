import type { Browser } from 'puppeteer-core';
import { chordKeys } from './driver';

/**
 * The browser window's own UI in Firefox (its chrome scope: Firefox launched with
 * --remote-allow-system-access), for what a person does outside any page: the keyboard shortcut,
 * the address bar, the link's context menu. Each reaches the browser's real handling of that input.
 */

interface Bidi {
  send(method: string, params: object): Promise<{ result: { contexts?: { context: string }[]; result?: { value?: unknown } } }>;
}

/** Runs `expression` (a promise of a string) in the browser window's chrome scope. */
export async function inChrome(browser: Browser, expression: string): Promise<string> {
  const bidi = (browser as unknown as { connection: Bidi }).connection;
  const tree = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const context = tree.result.contexts?.[0]?.context;
  const { result } = await bidi.send('script.evaluate', { expression, target: { context }, awaitPromise: true });
  if (result.result?.value === undefined) throw new Error(`chrome scope: ${JSON.stringify(result)}`);
  return String(result.result.value);
}

/**
 * Key presses in the browser window, where Firefox's own key handling (the add-on shortcuts, the
 * address bar) gets them: nsITextInputProcessor, as Firefox's own tests type. `chord` keys go down
 * in order and up in reverse; `text` is typed after it, a key at a time.
 */
export const keysInWindow = (browser: Browser, chord: string, text = '') =>
  inChrome(
    browser,
    `Promise.resolve((() => {
      const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
      if (!tip.beginInputTransactionForTests(window)) throw new Error('no input transaction');
      const ev = ([key, code, keyCode]) => new KeyboardEvent('', { key, code, keyCode });
      for (const ch of ${JSON.stringify(text)}) { tip.keydown(ev([ch, '', 0])); tip.keyup(ev([ch, '', 0])); }
      const chord = ${JSON.stringify(chord ? chordKeys(chord) : [])};
      for (const k of chord) tip.keydown(ev(k));
      for (const k of chord.reverse()) tip.keyup(ev(k));
      return 'pressed';
    })())`,
  );

/**
 * The link context menu of the selected tab, open (a real right-click on the link opened it): walks
 * `labels` ("Open diverted to", then "alice") and chooses the last item as a person's click does.
 */
export const chooseInLinkMenu = (browser: Browser, labels: string[]) =>
  inChrome(
    browser,
    `(async () => {
      const wait = async (ok, what) => {
        for (const end = Date.now() + 10000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (ok()) return;
        throw new Error('the link menu: no ' + what);
      };
      let popup = document.getElementById('contentAreaContextMenu');
      await wait(() => popup.state === 'open', 'menu open');
      const labels = ${JSON.stringify(labels)};
      const find = (label) => [...popup.children].find((e) => !e.hidden && e.label === label);
      for (const label of labels.slice(0, -1)) {
        await wait(() => find(label), label);
        const menu = find(label);
        menu.openMenu(true);
        popup = menu.menupopup;
        await wait(() => popup.state === 'open', label + ' open');
      }
      const last = labels[labels.length - 1];
      await wait(() => find(last), last);
      popup.activateItem(find(last));
      return 'chosen';
    })()`,
  );

/**
 * Firefox's own prompts for a permission an extension asks (the harness launches with them off,
 * `extensions.webextOptionalPermissionPrompts`): turned on, `permissions.request` shows the real
 * prompt, answered with `answerPermissionPrompt`.
 */
export const permissionPrompts = (browser: Browser, on: boolean) =>
  inChrome(browser, `Promise.resolve(String(Services.prefs.setBoolPref('extensions.webextOptionalPermissionPrompts', ${on})))`);

/** Waits (10 s at most) for the permission prompt, clicks Allow or its other button, returns its text. */
export const answerPermissionPrompt = (browser: Browser, allow: boolean) =>
  inChrome(
    browser,
    `(async () => {
      const find = () => document.getElementById('addon-webext-permissions-notification');
      for (const end = Date.now() + 10000; !find()?.button && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100));
      const prompt = find();
      if (!prompt) throw new Error('no permission prompt');
      const text = prompt.getAttribute('label') + ' ' + prompt.textContent.replace(/\\s+/g, ' ');
      (${allow} ? prompt.button : prompt.secondaryButton).click();
      return text;
    })()`,
  );
