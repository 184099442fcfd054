import { type LastPages, notePage } from '../core/previews';
import { ITEMS } from '../core/storage-items';
import { webHost } from '../core/url';
import { read, write } from '../platform/store';
import type { ContextCache } from './context';
import { serial } from './serial';

/**
 * The last page used on each diverted domain, where a preview link opens (core/previews.ts).
 * Only tabs diverted now, never a private window; kept in storage.session (it ends with the
 * browser), written only when a tab shows another page.
 */
export function createLastPages({ context, divertAt }: Pick<ContextCache, 'context' | 'divertAt'>) {
  const writes = serial<'pages'>();

  /** A tab now shows `url` (a navigation, or a page that changed its own address). */
  function notePageShown(tabId: number, url: string, incognito = false): Promise<void> {
    const host = webHost(url);
    if (incognito || !host) return Promise.resolve();
    return writes('pages', async () => {
      if (!(await divertAt(tabId, host))) return;
      const pages = await read(ITEMS.lastPages);
      const next = notePage(pages, (await context()).settings, url, Date.now());
      if (next !== pages) await write(ITEMS.lastPages, next);
    });
  }

  const lastPages = (): Promise<LastPages> => read(ITEMS.lastPages);
  return { notePageShown, lastPages };
}
export type LastPagesPart = ReturnType<typeof createLastPages>;
