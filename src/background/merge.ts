import { memberNames, mergeBaggage } from '../core/baggage-merge';
import { grantsHost } from '../core/permissions';
import { divertFor, webHost } from '../core/tab-state';
import type { HeadersChange, OutgoingRequest } from '../platform/requests';
import { context } from './context';
import { inOrder, record } from './tab-states';

const isBaggage = (h: { name: string }) => h.name.toLowerCase() === 'baggage';

/** The diverted namespace of a fetch/XHR, exactly as the rules decide it, or undefined. */
async function divertOf(request: OutgoingRequest) {
  const host = webHost(request.url);
  if (!host) return undefined;
  const ctx = await context();
  // As declarativeNetRequest does: a call from a page on a host we may not access is not ours to
  // change (that page must be granted as a calling page first).
  const initiator = webHost(request.originUrl ?? request.documentUrl);
  if (initiator && !grantsHost(ctx.origins, initiator)) return undefined;
  return divertFor(ctx.settings, ctx.pins, ctx.origins, request.tabId, host);
}

/**
 * Firefox: the blocking listener on fetch/XHR to diverted hosts (pages and workers). It sets
 * okteto-divert in the page's own baggage instead of replacing the header (core/baggage-merge.ts),
 * and tells the tab's diagnostics what became of the page's members.
 */
export async function mergeInto(request: OutgoingRequest): Promise<HeadersChange> {
  const divert = await divertOf(request);
  if (!divert) return {};
  const headers = request.requestHeaders ?? [];
  const own = headers
    .filter(isBaggage)
    .map((h) => h.value ?? '')
    .join(',');
  const merged = mergeBaggage(own, divert.namespace);
  if (request.tabId >= 0 && own.trim() !== '' && (merged.kept.length > 0 || merged.dropped.length > 0)) {
    const tabId = request.tabId;
    void inOrder(tabId, () => record(tabId, { type: 'page-baggage', kept: merged.kept, dropped: merged.dropped }));
  }
  return { requestHeaders: [...headers.filter((h) => !isBaggage(h)), { name: 'baggage', value: merged.value }] };
}

/**
 * Chrome: declarativeNetRequest can only set baggage. An observer of the headers the page asked
 * for (before the rules apply) tells the tab's diagnostics which of its own members were replaced.
 */
export async function noticeReplaced(request: OutgoingRequest): Promise<void> {
  if (request.tabId < 0) return;
  const own = memberNames(
    (request.requestHeaders ?? [])
      .filter(isBaggage)
      .map((h) => h.value ?? '')
      .join(','),
  );
  if (own.length === 0 || !(await divertOf(request))) return;
  const tabId = request.tabId;
  await inOrder(tabId, () => record(tabId, { type: 'page-baggage', replaced: own }));
}
