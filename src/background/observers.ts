import { divertNamespaceOf } from '../core/baggage';
import { DEFAULT_HEADER } from '../core/probe';
import { knownNamespaces } from '../core/served';
import { type DomainEntry, entryCovering } from '../core/settings';
import type { TabDivert } from '../core/tab-state';
import { webHost } from '../core/url';
import { type Context, type ContextCache, divertIn } from './context';
import type { RequestLogs } from './request-log';
import type { Surfaces } from './surfaces';
import type { TabStates } from './tab-states';

/** What the browser says of one request (webRequest details, the fields the observers read). */
export interface RequestSeen {
  tabId: number;
  url: string;
  requestId: string;
  timeStamp: number;
  method?: string;
  type?: string;
}

/** A covered host's request: the domain entry covering it, and what the rules do there now (undefined: not diverted). */
interface At {
  ctx: Context;
  host: string;
  entry: DomainEntry;
  divert?: TabDivert;
}

const MAX_IN_FLIGHT = 1000;

/**
 * What left with our header and what answered, per tab: what the browser tells about a tab's
 * requests, turned into served-by events. Only hosts we may access are reported, which are exactly
 * those that can carry the header.
 */
export function createObservers({
  aimTab,
  context,
  divertAt,
  inOrder,
  logRequest,
  record,
  schedulePublish,
  stateOf,
}: Pick<ContextCache, 'context' | 'divertAt'> &
  Pick<RequestLogs, 'logRequest'> &
  Pick<Surfaces, 'schedulePublish'> &
  Pick<TabStates, 'aimTab' | 'inOrder' | 'record' | 'stateOf'>) {
  async function navigate(tabId: number, url: string): Promise<void> {
    const host = webHost(url);
    const divert = host ? await divertAt(tabId, host) : undefined;
    // The reset is news even when nothing else follows (a navigation away from a diverted host).
    await aimTab(tabId, host, divert?.namespace, true);
    schedulePublish(tabId);
  }

  /** A main-frame request starts: a new page, from nothing. */
  const onNavigate = (tabId: number, url: string) => inOrder(tabId, () => navigate(tabId, url));

  /**
   * A tab starts loading or finished. A page on another host than the one we know (or one no request
   * announces: a browser page, a page from the back-forward cache) starts from nothing; otherwise the
   * state stands and is published again, because a navigation clears the tab's toolbar badge. A tab
   * that reports no URL yet (Firefox, mid-load) is left alone: its navigation events will come.
   */
  function onTabUpdated(tabId: number, url: string | undefined): Promise<void> {
    return inOrder(tabId, async () => {
      if (url === undefined) return;
      const host = webHost(url);
      if (host !== undefined && (await stateOf(tabId)).host === host) return schedulePublish(tabId);
      await navigate(tabId, url);
    });
  }

  /** A page finished loading: its surfaces are published again, and a diverted page gets its badge (surfaces.ts). */
  const onTabComplete = (tabId: number): void => schedulePublish(tabId);

  /** A tab's request event for a covered host: `then` runs in the tab's order (no tab, other hosts: dropped). */
  function whenCovered(tabId: number, url: string, then: (at: At) => Promise<void>): Promise<void> {
    const host = webHost(url);
    if (tabId < 0 || !host) return Promise.resolve();
    return inOrder(tabId, async () => {
      const ctx = await context();
      const entry = entryCovering(ctx.settings, host);
      if (entry) await then({ ctx, host, entry, divert: divertIn(ctx, tabId, host) });
    });
  }

  /**
   * The namespace each observed request left with, by request id, until its response: a response says
   * who answered only for the namespace its own request carried (a request sent before divert changed
   * must not speak for the new state). Bounded: the oldest go first (a response never seen, a failure).
   */
  const carried = new Map<string, string | undefined>();

  /** A request to a covered host left with these headers (after DNR): counted, and logged for the panel. */
  function onSent(d: RequestSeen, baggage: string | undefined, initiator?: string): Promise<void> {
    carried.delete(d.requestId);
    carried.set(d.requestId, divertNamespaceOf(baggage));
    if (carried.size > MAX_IN_FLIGHT) carried.delete(carried.keys().next().value as string);
    if (d.tabId < 0) return onWorkerSent(d.url, baggage, initiator);
    return whenCovered(d.tabId, d.url, async ({ ctx, divert }) => {
      const expected = divert?.namespace;
      const idle = ctx.settings.paused ? 'paused' : 'off';
      const sent = { type: 'sent', id: d.requestId, at: d.timeStamp, method: d.method ?? 'GET', url: d.url } as const;
      await logRequest(d.tabId, { ...sent, kind: d.type ?? 'other', baggage, expected, idle });
      if (divert) await record(d.tabId, { type: 'sent', baggage, expected: divert.namespace });
    });
  }

  /**
   * A response from a covered host: its served-by header (the domain's, when its app sets one) goes to
   * the panel's row; to the tab's state only when its request carried the namespace the tab asks for.
   */
  function onResponse(d: RequestSeen & { statusCode?: number }, headers: { name: string; value?: string }[]): Promise<void> {
    const sent = carried.get(d.requestId);
    carried.delete(d.requestId);
    return whenCovered(d.tabId, d.url, async ({ ctx, entry, divert }) => {
      const name = (entry.namespaceFrom?.header ?? DEFAULT_HEADER).toLowerCase();
      const value = headers.find((h) => h.name.toLowerCase() === name)?.value;
      await logRequest(d.tabId, { type: 'answered', id: d.requestId, status: d.statusCode ?? 0, served: value });
      if (!divert || sent !== divert.namespace || value === undefined) return;
      await record(d.tabId, {
        type: 'header',
        value: value.slice(0, 256),
        known: knownNamespaces(ctx.settings, ctx.oktetos, ctx.pins),
      });
    });
  }

  /** A request to a covered host is done; one answered from the browser's cache reached no namespace. */
  const onDone = (d: RequestSeen & { fromCache?: boolean }): Promise<void> =>
    whenCovered(d.tabId, d.url, async ({ divert }) => {
      await logRequest(d.tabId, { type: 'done', id: d.requestId, at: d.timeStamp, cached: d.fromCache });
      if (divert && d.fromCache) await record(d.tabId, { type: 'cached' });
    });

  /** A request to a covered host failed (refused, blocked, cancelled). */
  const onFailed = (d: RequestSeen & { error?: string }): Promise<void> =>
    whenCovered(d.tabId, d.url, () =>
      logRequest(d.tabId, { type: 'failed', id: d.requestId, at: d.timeStamp, error: d.error ?? 'failed' }),
    );

  /** A worker's request (no tab) to a diverted host counts for each pinned tab showing the site that started it. */
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
  return { onNavigate, onTabUpdated, onTabComplete, onSent, onResponse, onDone, onFailed };
}
export type Observers = ReturnType<typeof createObservers>;
