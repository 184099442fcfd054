import type { Merged } from '../core/baggage-merge';
import { mergeBaggage } from '../core/baggage-merge';
import { grantsHost } from '../core/permissions';
import { divertForRequest } from '../core/tab-state';
import { webHost } from '../core/url';
import { type HeadersChange, type OutgoingRequest, sentByUs } from '../platform/requests';
import type { ContextCache } from './context';
import type { TabStates } from './tab-states';

/**
 * The page's own baggage on a diverted fetch/XHR: Firefox merges okteto-divert into it here;
 * Chrome keeps it only with "Keep the page's own baggage" (keep-page-baggage.ts). Both tell the
 * tab's diagnostics what became of the page's members.
 */

export const isBaggage = (h: { name: string }) => h.name.toLowerCase() === 'baggage';

/** The page's own baggage merged with ours (Firefox's blocking listener), and what was kept told to the tab. */
export function createPageBaggage({
  context,
  inOrder,
  record,
}: Pick<ContextCache, 'context'> & Pick<TabStates, 'inOrder' | 'record'>) {
  /** The diverted namespace of a fetch/XHR, exactly as the rules decide it, or undefined. */
  async function divertOf(request: OutgoingRequest) {
    const host = webHost(request.url);
    if (!host) return undefined;
    const ctx = await context();
    // As declarativeNetRequest does: a call from a page on a host we may not access is not ours to
    // change (that page must be granted as a calling page first).
    const initiator = webHost(request.originUrl ?? request.documentUrl);
    if (initiator && !grantsHost(ctx.origins, initiator)) return undefined;
    return divertForRequest(ctx.settings, ctx.pins, ctx.workers, ctx.origins, { tabId: request.tabId, host, initiator });
  }

  /**
   * Firefox: the blocking listener on fetch/XHR to diverted hosts (pages and workers). It sets
   * okteto-divert in the page's own baggage instead of replacing the header (core/baggage-merge.ts),
   * and tells the tab's diagnostics what became of the page's members.
   */
  async function mergeInto(request: OutgoingRequest): Promise<HeadersChange> {
    if (sentByUs(request)) return {};
    const divert = await divertOf(request);
    if (!divert) return {};
    const headers = request.requestHeaders ?? [];
    const own = headers
      .filter(isBaggage)
      .map((h) => h.value ?? '')
      .join(',');
    // Over the W3C limits it is not parsed: it leaves as the rules would send it (core/baggage-merge.ts).
    const merged = mergeBaggage(own, divert.namespace);
    if (request.tabId >= 0 && own.trim() !== '') tell(request.tabId, merged);
    return { requestHeaders: [...headers.filter((h) => !isBaggage(h)), { name: 'baggage', value: merged.value }] };
  }

  /** What became of a page's own members, for its tab's diagnostics (only when there is news). */
  function tell(tabId: number, merged: Merged): void {
    const { kept, dropped, tooLarge } = merged;
    if (kept.length > 0 || dropped.length > 0 || tooLarge)
      void inOrder(tabId, () => record(tabId, { type: 'page-baggage', kept, dropped, ...(tooLarge ? { tooLarge } : {}) }));
  }
  return { divertOf, mergeInto, tell };
}
export type PageBaggage = ReturnType<typeof createPageBaggage>;
