import { baggageValue } from '../core/baggage';
import { missingFromOkteto } from '../core/okteto';
import { DEFAULT_FIELD, DEFAULT_HEADER, PROBE_LIMITS, probeUrl, readProbe } from '../core/probe';
import { EMPTY, reduceServed, type ServedEvent, servedLine, type TabServed, verdict } from '../core/served';
import type { BadgeState } from '../core/served-messages';
import { entryCovering } from '../core/settings';
import { divertFor, webHost } from '../core/tab-state';
import { setActionLook } from '../platform/action';
import { injectBadge } from '../platform/content-scripts';
import { fetchBounded } from '../platform/fetch';
import { readTabServed, writeTabServed } from '../platform/store';
import { allTabs, tellTab } from '../platform/tabs';
import { BADGE_SCRIPT } from './badge-file';
import { type Context, context } from './context';
import { lookFor } from './toolbar';

const states = new Map<number, TabServed>();
const timers = new Map<number, ReturnType<typeof setTimeout>>();

async function stateOf(tabId: number): Promise<TabServed> {
  let s = states.get(tabId);
  if (!s) {
    s = (await readTabServed(tabId)) ?? EMPTY;
    if (!states.has(tabId)) states.set(tabId, s);
  }
  return states.get(tabId) as TabServed;
}

/** Applies one event and, a moment later, tells storage, the toolbar and the page badge once. */
export async function record(tabId: number, event: ServedEvent): Promise<void> {
  await stateOf(tabId);
  // Read and write with no await between: events arrive concurrently, and none may be lost.
  const before = states.get(tabId) ?? EMPTY;
  const after = reduceServed(before, event);
  if (after === before) return;
  states.set(tabId, after);
  schedulePublish(tabId);
}

/** Publishes a tab's state a moment later, once for a burst of events. */
export function schedulePublish(tabId: number): void {
  clearTimeout(timers.get(tabId));
  timers.set(
    tabId,
    setTimeout(() => void publish(tabId), 50),
  );
}

export async function publish(tabId: number, ctx?: Context): Promise<void> {
  timers.delete(tabId);
  const state = await stateOf(tabId);
  const c = ctx ?? (await context());
  await writeTabServed(tabId, state);
  const message = badgeMessage(state, c);
  const url = state.host ? `http://${state.host}/` : undefined;
  await setActionLook(tabId, lookFor(c.settings, c.pins, c.origins, tabId, url, state, message.warning));
  // A diverted page whose badge script is not (yet, or no longer) there gets it now: registration
  // covers new pages, but a page can load between two registrations (seen in Firefox under load).
  if (!(await tellTab(tabId, message)) && message.show) await injectBadge(BADGE_SCRIPT, tabId);
}

function badgeMessage(state: TabServed, { settings, okteto }: Context): BadgeState {
  return {
    type: 'divert:state',
    show: settings.showPageBadge && !!state.requested,
    line: servedLine(state),
    verdict: verdict(state),
    state,
    warning: missingFromOkteto(okteto, state.requested),
  };
}

export async function badgeStateFor(tabId: number): Promise<BadgeState> {
  const [state, ctx] = await Promise.all([stateOf(tabId), context()]);
  return badgeMessage(state, ctx);
}

export function forgetTab(tabId: number): void {
  states.delete(tabId);
  chains.delete(tabId);
  clearTimeout(timers.get(tabId));
  timers.delete(tabId);
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let latest: Context | undefined;
/**
 * Tabs are refreshed a moment after the last change, once for a burst: the command queue need
 * not wait for every tab's button and badge (npm run bench and the burst test found it slow).
 */
export function scheduleRefreshTabs(ctx?: Context): void {
  // A reconcile knows the newest settings before they are written: use them when given.
  if (ctx) latest = ctx;
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    const given = latest;
    latest = undefined;
    void context().then((c) => refreshTabs(given ? { ...c, ...given } : c));
  }, 60);
}

/**
 * After settings, pins or permissions change: every tab's requested namespace is worked out again,
 * and its toolbar button and page badge told. What was served stays known while the request is the same.
 */
export async function refreshTabs(ctx: Context): Promise<void> {
  for (const tab of await allTabs()) {
    // A tab mid-navigation may report no URL yet: its own navigation events will set it right,
    // and wiping its state here would hide the page badge of the page that is arriving.
    if (tab.id === undefined || tab.status === 'loading') continue;
    const host = webHost(tab.url);
    const requested = host ? divertFor(ctx.settings, ctx.pins, ctx.origins, tab.id, host)?.namespace : undefined;
    const old = await stateOf(tab.id);
    const same = old.host === host && old.requested === requested;
    states.set(tab.id, same ? old : { ...EMPTY, host: requested ? host : undefined, requested });
    // A page open since before divert was turned on gets its badge now, not at its next load.
    if (requested && !same && ctx.settings.showPageBadge) await injectBadge(BADGE_SCRIPT, tab.id);
    await publish(tab.id, ctx);
  }
}

// ---- observers (called from listeners registered at top level in index.ts) ----

const chains = new Map<number, Promise<void>>();
/**
 * One tab's observations, applied in the order they arrived: each awaits the context, and a
 * navigation must not land after the response it preceded.
 */
function inOrder(tabId: number, job: () => Promise<void>): Promise<void> {
  const next = (chains.get(tabId) ?? Promise.resolve()).then(job, job);
  chains.set(
    tabId,
    next.catch(() => undefined),
  );
  return next;
}

export const onNavigate = (tabId: number, url: string) => inOrder(tabId, () => navigate(tabId, url));

async function navigate(tabId: number, url: string): Promise<void> {
  const host = webHost(url);
  const { settings, pins, origins } = await context();
  const requested = host ? divertFor(settings, pins, origins, tabId, host)?.namespace : undefined;
  await record(tabId, { type: 'navigate', host: requested ? host : undefined, requested });
  // The reset itself is news even when nothing else follows (a navigation away from a diverted host).
  clearTimeout(timers.get(tabId));
  await publish(tabId);
}

/**
 * A tab starts loading or finished. A page on another host than the one we know starts from
 * nothing; otherwise the state stands (onBeforeRequest saw the navigation) and is published again,
 * because a navigation clears the tab's toolbar badge.
 */
export function onTabUpdated(tabId: number, url: string | undefined): Promise<void> {
  return inOrder(tabId, async () => {
    const host = webHost(url);
    if (host !== undefined && (await stateOf(tabId)).host === host) return schedulePublish(tabId);
    await navigate(tabId, url ?? '');
  });
}

/** The namespace a request from `tabId` to `host` should carry, or undefined when none. */
async function expectedFor(tabId: number, host: string) {
  const ctx = await context();
  return { ctx, divert: divertFor(ctx.settings, ctx.pins, ctx.origins, tabId, host) };
}

/**
 * A request to a diverted host left with these headers (after DNR). Browsers report only requests
 * whose initiator we may access too, which are exactly those that can carry the header.
 */
export function onSent(tabId: number, url: string, baggage: string | undefined): Promise<void> {
  const host = webHost(url);
  if (tabId < 0 || !host) return Promise.resolve();
  return inOrder(tabId, async () => {
    const { divert } = await expectedFor(tabId, host);
    if (divert) await record(tabId, { type: 'sent', baggage, expected: divert.namespace });
  });
}

export function onResponse(tabId: number, url: string, headers: { name: string; value?: string }[]): Promise<void> {
  const host = webHost(url);
  if (tabId < 0 || !host) return Promise.resolve();
  return inOrder(tabId, async () => {
    const { ctx, divert } = await expectedFor(tabId, host);
    if (!divert) return;
    const name = (entryCovering(ctx.settings, host)?.namespaceFrom?.header ?? DEFAULT_HEADER).toLowerCase();
    const value = headers.find((h) => h.name.toLowerCase() === name)?.value;
    if (value !== undefined) await record(tabId, { type: 'header', value: value.slice(0, 256) });
  });
}

/** After a diverted page loads: GET <origin><probe> with the same baggage, bounded in time and size. */
export async function runProbe(tabId: number, pageUrl: string): Promise<void> {
  const host = webHost(pageUrl);
  if (!host) return;
  const { ctx, divert } = await expectedFor(tabId, host);
  const from = host ? entryCovering(ctx.settings, host)?.namespaceFrom : undefined;
  if (!divert || !from?.probe) return;
  const url = probeUrl(pageUrl, from.probe);
  if (!url) return;
  let value = await fetchProbe(url, divert.namespace, from.field ?? DEFAULT_FIELD);
  // One more try after a moment when the answer did not come at all (a busy machine, a cold pod).
  if (value.error !== undefined && /took longer|failed/.test(value.error)) {
    await new Promise((r) => setTimeout(r, 1000));
    value = await fetchProbe(url, divert.namespace, from.field ?? DEFAULT_FIELD);
  }
  await inOrder(tabId, async () => {
    // The tab may have moved on while the probe ran: its answer is about the page it was sent for.
    const now = await stateOf(tabId);
    if (now.host !== host || now.requested !== divert.namespace) return;
    await record(
      tabId,
      value.error === undefined ? { type: 'probe', value: value.value } : { type: 'probe-failed', reason: value.error },
    );
  });
}

async function fetchProbe(url: string, namespace: string, field: string) {
  const res = await fetchBounded(url, {
    timeoutMs: PROBE_LIMITS.timeoutMs,
    maxBytes: PROBE_LIMITS.maxBytes,
    headers: { baggage: baggageValue(namespace), accept: 'application/json' },
    credentials: 'include',
  });
  if ('error' in res) return { error: `The probe failed: ${res.error}.` };
  if (res.status !== 200) return { error: `The probe answered HTTP ${res.status}.` };
  if (!/json/i.test(res.headers.get('content-type') ?? '')) return { error: 'The probe did not answer JSON.' };
  if (res.text === undefined) return { error: `The probe answered more than ${PROBE_LIMITS.maxBytes / 1024} KiB.` };
  return readProbe(res.text, field);
}
