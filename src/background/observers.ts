import { divertNamespaceOf } from '../core/baggage';
import { DEFAULT_HEADER } from '../core/probe';
import { entryCovering } from '../core/settings';
import { type TabDivert, webHost } from '../core/tab-state';
import { type Context, context, divertAt, divertIn } from './context';
import { schedulePublish } from './surfaces';
import { inOrder, record, stateOf } from './tab-states';

/**
 * What the browser tells about a tab's requests, turned into served-by events. Only hosts we may
 * access are reported, which are exactly those that can carry the header.
 */

async function navigate(tabId: number, url: string): Promise<void> {
  const host = webHost(url);
  const divert = host ? await divertAt(tabId, host) : undefined;
  // The reset is news even when nothing else follows (a navigation away from a diverted host).
  await record(tabId, { type: 'navigate', host: divert ? host : undefined, requested: divert?.namespace });
  schedulePublish(tabId);
}

/** A main-frame request starts: a new page, from nothing. */
export const onNavigate = (tabId: number, url: string) => inOrder(tabId, () => navigate(tabId, url));

/**
 * A tab starts loading or finished. A page on another host than the one we know (or one no request
 * announces: a browser page, a page from the back-forward cache) starts from nothing; otherwise the
 * state stands and is published again, because a navigation clears the tab's toolbar badge. A tab
 * that reports no URL yet (Firefox, mid-load) is left alone: its navigation events will come.
 */
export function onTabUpdated(tabId: number, url: string | undefined): Promise<void> {
  return inOrder(tabId, async () => {
    if (url === undefined) return;
    const host = webHost(url);
    if (host !== undefined && (await stateOf(tabId)).host === host) return schedulePublish(tabId);
    await navigate(tabId, url);
  });
}

/** A page finished loading: its surfaces are published again, and a diverted page gets its badge (surfaces.ts). */
export const onTabComplete = (tabId: number): void => schedulePublish(tabId);

/**
 * A request event of a tab, for a diverted host only: `then` runs in the tab's order with what
 * the rules do there. Events of no tab (-1) and of other hosts are dropped.
 */
function whenDiverted(
  tabId: number,
  url: string,
  then: (at: { ctx: Context; divert: TabDivert; host: string }) => Promise<void>,
): Promise<void> {
  const host = webHost(url);
  if (tabId < 0 || !host) return Promise.resolve();
  return inOrder(tabId, async () => {
    const ctx = await context();
    const divert = divertIn(ctx, tabId, host);
    if (divert) await then({ ctx, divert, host });
  });
}

/**
 * The namespace each observed request left with, by request id, until its response: a response
 * says who answered only for the namespace its own request carried. A page's request sent before
 * divert changed (still in flight when the new state began) must not speak for the new one.
 * Bounded: the oldest go first (a response never seen, a request that failed).
 */
const carried = new Map<string, string | undefined>();
const MAX_IN_FLIGHT = 1000;

/** A request to a diverted host left with these headers (after DNR). */
export function onSent(
  tabId: number,
  url: string,
  baggage: string | undefined,
  requestId?: string,
  initiator?: string,
): Promise<void> {
  if (requestId !== undefined) {
    carried.delete(requestId);
    carried.set(requestId, divertNamespaceOf(baggage));
    if (carried.size > MAX_IN_FLIGHT) carried.delete(carried.keys().next().value as string);
  }
  if (tabId < 0) return onWorkerSent(url, baggage, initiator);
  return whenDiverted(tabId, url, ({ divert }) => record(tabId, { type: 'sent', baggage, expected: divert.namespace }));
}

/**
 * A response from a diverted host: its served-by header, when the domain's app sets one, and only
 * when its request carried the namespace the tab asks for now.
 */
export function onResponse(
  tabId: number,
  url: string,
  headers: { name: string; value?: string }[],
  requestId?: string,
): Promise<void> {
  const sent = requestId === undefined ? undefined : carried.get(requestId);
  if (requestId !== undefined) carried.delete(requestId);
  return whenDiverted(tabId, url, async ({ ctx, host, divert }) => {
    if (sent !== divert.namespace) return;
    const name = (entryCovering(ctx.settings, host)?.namespaceFrom?.header ?? DEFAULT_HEADER).toLowerCase();
    const value = headers.find((h) => h.name.toLowerCase() === name)?.value;
    if (value !== undefined) await record(tabId, { type: 'header', value: value.slice(0, 256) });
  });
}

/** A response from a diverted host was served from the browser's cache. */
export const onCached = (tabId: number, url: string): Promise<void> =>
  whenDiverted(tabId, url, () => record(tabId, { type: 'cached' }));

/**
 * A request of no tab (a service or shared worker) to a diverted host: it counts for each pinned
 * tab that shows the site which started it, so that tab's popup can say what its site's workers
 * carried. Unpinned tabs ask for the site's namespace, which such requests carry anyway.
 */
async function onWorkerSent(url: string, baggage: string | undefined, initiator: string | undefined): Promise<void> {
  const host = webHost(url);
  const from = webHost(initiator);
  if (!host || !from) return;
  const ctx = await context();
  if (!divertIn(ctx, -1, host)) return;
  await Promise.all(
    Object.keys(ctx.pins).map((tab) => {
      const tabId = Number(tab);
      return inOrder(tabId, async () => {
        const state = await stateOf(tabId);
        if (state.host === from && state.requested)
          await record(tabId, { type: 'worker-sent', baggage, expected: state.requested });
      });
    }),
  );
}
