import type { Reply } from '../core/messages';
import { webHost } from '../core/url';
import { browser } from '../platform/browser';
import { type ContextCache, divertIn } from './context';

const hostOf = async (tabId: number) => webHost((await browser.tabs.get(tabId).catch(() => undefined))?.url);

/** A tab a command was made for reloads when its divert changed. */
export function createReloadAfterChange({ context }: Pick<ContextCache, 'context'>) {
  /**
   * "Reload the page after a change" (on unless switched off), decided here only: a command made
   * for a tab (the popup's, the shortcut's) that changed that tab's divert (on, off, another
   * namespace) reloads the tab once the change took, rules in place, before the reply. The page then
   * matches the switch, whether or not the popup is still open; a refused or no-op change reloads
   * nothing.
   */
  async function reloadingAfter(tabId: number, run: () => Promise<Reply>): Promise<Reply> {
    const [before, hostBefore] = await Promise.all([context(), hostOf(tabId)]);
    const reply = await run();
    if (!reply.ok) return reply;
    // A host not readable before (no access yet) may be now that the change granted it.
    const host = hostBefore ?? (await hostOf(tabId));
    if (!host) return reply;
    const after = await context();
    const was = divertIn(before, tabId, host)?.namespace;
    const now = divertIn(after, tabId, host)?.namespace;
    if (was !== now && after.stored.reloadAfterChange !== false) await browser.tabs.reload(tabId).catch(() => undefined);
    return reply;
  }
  return { reloadingAfter };
}
export type ReloadAfterChange = ReturnType<typeof createReloadAfterChange>;
