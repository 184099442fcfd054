import type { ElementHandle, Page } from 'puppeteer-core';
import { markInRow, type Role, rowTexts, type Ui, until, watchClipboard } from './driver';
import { locate } from './locate';

/**
 * What a Ui needs from the document it drives: script in it, and real input to it. A puppeteer page
 * (Firefox's tabs over BiDi, Chromium's toolbar popup over CDP) is one; Firefox's toolbar popup,
 * which no BiDi context reaches, is another (firefox-popup.ts).
 */
export interface Surface {
  /** Runs `fn` (serialized, so it uses nothing from outside itself) in the document. */
  evaluate<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>>;
  /** A real click in the middle of the element matching `selector`. */
  click(selector: string): Promise<void>;
  /** Real key presses typing `text` into the focused element. */
  typeText(text: string): Promise<void>;
  /** One real key press ('Enter', 'Backspace'). */
  press(key: 'Enter' | 'Backspace'): Promise<void>;
  select(selector: string, value: string): Promise<void>;
  upload(selector: string, path: string): Promise<void>;
  /** A PNG of the element matching `selector`, as the screen shows it. */
  screenshot(selector: string): Promise<Uint8Array>;
  reload(): Promise<void>;
  close(): Promise<void>;
}

/**
 * tsx (npm run bench, scripts) names functions through a helper that pages lack; vitest does not.
 * Defined in the page before `locate` is sent there.
 */
export const NAME_SHIM = 'globalThis.__name ??= (f) => f';

/** A puppeteer page as a Surface; `reload` because Firefox reloads extension pages through BiDi itself. */
export function pageSurface(page: Page, reload: () => Promise<unknown>): Surface {
  return {
    evaluate: async (fn, ...args) => {
      await page.evaluate(NAME_SHIM);
      return page.evaluate(fn as (...a: unknown[]) => unknown, ...args) as never;
    },
    click: (sel) => page.click(sel),
    typeText: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key),
    select: async (sel, value) => void (await page.select(sel, value)),
    upload: async (sel, path) => {
      const input = (await page.$(sel)) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(path);
    },
    screenshot: async (sel) => {
      const el = await page.$(sel);
      if (!el) throw new Error(`nothing matches ${sel} to screenshot`);
      return el.screenshot();
    },
    reload: async () => void (await reload()),
    close: () => page.close(),
  };
}

/** A Ui over any Surface: elements found by role and accessible name (locate.ts), driven by real input. */
export function uiOver(s: Surface): Ui {
  let n = 0;
  const find = async (role: Role | 'file', name: string | null) => {
    const mark = `m${++n}`;
    await until(() => s.evaluate(locate, role, name, mark), `${role} "${name}"`);
    return `[data-e2e="${mark}"]`;
  };
  const textOf = async (role: Role) =>
    (await s.evaluate(locate, role, null, 'text'))
      ? s.evaluate(() => document.querySelector('[data-e2e="text"]')?.textContent ?? '')
      : '';
  return {
    click: async (role, name) => {
      const sel = await find(role, name);
      // As Playwright does: wait until the control is enabled before clicking it.
      await until(
        () => s.evaluate((q) => !(document.querySelector(q) as HTMLButtonElement | null)?.disabled, sel),
        `${role} "${name}" enabled`,
      );
      await s.click(sel);
    },
    type: async (role, name, text, enter) => {
      const sel = await find(role, name);
      await s.click(sel);
      await s.evaluate((q) => (document.querySelector(q) as HTMLInputElement).select(), sel);
      await s.press('Backspace');
      await s.typeText(text);
      if (enter) await s.press('Enter');
    },
    isChecked: async (role, name) =>
      s.evaluate((q) => (document.querySelector(q) as HTMLInputElement).checked, await find(role, name)),
    isDisabled: async (role, name) =>
      s.evaluate((q) => (document.querySelector(q) as HTMLButtonElement).disabled, await find(role, name)),
    text: textOf,
    waitText: (role, text) =>
      until(async () => {
        const t = await textOf(role);
        return (typeof text === 'string' ? t.includes(text) : text.test(t)) ? t : '';
      }, `${role} containing ${text}`),
    exists: (role, name) => s.evaluate(locate, role, name, 'exists'),
    pageText: () => s.evaluate(() => document.body.textContent ?? ''),
    value: async (role, name) => s.evaluate((q) => (document.querySelector(q) as HTMLInputElement).value, await find(role, name)),
    clickAndCopy: async (role, name) => {
      const sel = await find(role, name);
      await s.evaluate(watchClipboard);
      await s.click(sel);
      return until(() => s.evaluate(() => document.documentElement.dataset.copied ?? ''), `${name} to copy`);
    },
    rows: () => s.evaluate(rowTexts),
    clickInRow: async (row, name) => {
      const mark = `m${++n}`;
      await until(() => s.evaluate(markInRow, row, name, mark), `button "${name}" in a row with "${row}"`);
      await s.click(`[data-e2e="${mark}"]`);
    },
    screenshot: async (role, name) => s.screenshot(await find(role, name)),
    select: async (name, value) => s.select(await find('combobox', name), value),
    upload: async (name, path) => s.upload(await find('file', name), path),
    reload: () => s.reload(),
    close: () => s.close(),
  };
}
