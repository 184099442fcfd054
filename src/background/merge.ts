import { memberNames, mergeBaggage } from '../core/baggage-merge';
import { grantsHost } from '../core/permissions';
import { type HeaderRule, PRIORITY, RULE_IDS } from '../core/rules';
import { divertFor, webHost } from '../core/tab-state';
import { dnr } from '../platform/dnr';
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
  if (own.length === 0 || isKept(request.tabId, request.method ?? 'GET', request.url) || !(await divertOf(request))) return;
  const tabId = request.tabId;
  await inOrder(tabId, () => record(tabId, { type: 'page-baggage', replaced: own }));
}

// ---- Chrome, "Keep the page's own baggage": one short-lived rule per request that carries it ----

/** The methods declarativeNetRequest can match; a request with another one goes unmerged. */
const DNR_METHODS = new Set(['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
/** How many rules one tab may hold at once, and how long any rule lives if never let go. */
const KEEP_LIMITS = { perTab: 64, lifetimeMs: 30_000 } as const;

interface Held {
  id: number;
  tabId: number;
  key: string;
  value: string;
  refs: number;
  timer: ReturnType<typeof setTimeout>;
}
const held = new Map<number, Held>();
const byKey = new Map<string, Held>();
/** Per request key, the turn of the next ask: a second request with other baggage waits for the first. */
const turns = new Map<string, Promise<unknown>>();
const keyOf = (tabId: number, method: string, url: string) => `${tabId} ${method} ${url.split('#')[0]}`;

/** Rules left from before this wake (the worker stopped while a request was out) go first, once. */
let cleared: Promise<void> | undefined;
const clearLeftovers = () => {
  cleared ??= dnr.session.get().then((rules) => {
    const ids = rules.filter((r) => r.id >= RULE_IDS.merged.first && r.id <= RULE_IDS.merged.last).map((r) => r.id);
    return dnr.session.update({ addRules: [], removeRuleIds: ids });
  });
  return cleared;
};

function freeId(): number | undefined {
  for (let id = RULE_IDS.merged.first; id <= RULE_IDS.merged.last; id++) if (!held.has(id)) return id;
  return undefined;
}

/** True while a merged-baggage rule covers this request: its baggage was kept, not replaced. */
const isKept = (tabId: number, method: string, url: string): boolean => byKey.has(keyOf(tabId, method, url));

async function letGoOf(h: Held): Promise<void> {
  if (--h.refs <= 0) await forget(h);
}
async function forget(h: Held): Promise<void> {
  if (held.get(h.id) !== h) return;
  clearTimeout(h.timer);
  held.delete(h.id);
  byKey.delete(h.key);
  await dnr.session.update({ addRules: [], removeRuleIds: [h.id] }).catch(() => undefined);
}

/**
 * The page's script asks before a fetch/XHR with its own baggage leaves: when the request is
 * diverted (decided here, exactly as for Firefox), a session rule for that tab, method and URL sets
 * the merged value above the domain rules. The answer is a token to let go of once the request has
 * left; no token means the request goes as without the switch (the domain rule sets okteto-divert).
 */
export async function keepBaggage(
  ask: { url: string; method: string; baggage: string },
  tabId: number,
  senderUrl: string | undefined,
): Promise<{ token?: number; error?: string }> {
  if (!(await context()).settings.keepPageBaggage) return { error: 'The switch is off.' };
  if (!DNR_METHODS.has(ask.method)) return { error: 'Not a method the rules can match.' };
  const url = ask.url.split('#')[0];
  const divert = await divertOf({ tabId, url, originUrl: senderUrl });
  if (!divert) return { error: 'Not a diverted request.' };
  const key = keyOf(tabId, ask.method, url);
  const merged = mergeBaggage(ask.baggage, divert.namespace);
  const turn = (turns.get(key) ?? Promise.resolve()).then(async () => {
    await clearLeftovers();
    const same = byKey.get(key);
    if (same?.value === merged.value) {
      same.refs++;
      return same.id;
    }
    // Another request to the same URL with other baggage is out: wait for it (bounded).
    for (let i = 0; byKey.has(key) && i < 50; i++) await new Promise((r) => setTimeout(r, 20));
    if (byKey.has(key)) return undefined;
    const mine = [...held.values()].filter((h) => h.tabId === tabId).length;
    const id = freeId();
    if (mine >= KEEP_LIMITS.perTab || id === undefined) return undefined;
    const h: Held = {
      id,
      tabId,
      key,
      value: merged.value,
      refs: 1,
      timer: setTimeout(() => void forget(h), KEEP_LIMITS.lifetimeMs),
    };
    held.set(id, h);
    byKey.set(key, h);
    try {
      await dnr.session.update({ addRules: [keepRule(id, tabId, ask.method, url, merged.value)], removeRuleIds: [] });
    } catch {
      held.delete(id);
      byKey.delete(key);
      clearTimeout(h.timer);
      return undefined;
    }
    return id;
  });
  turns.set(
    key,
    turn.catch(() => undefined),
  );
  const token = await turn;
  if (turns.get(key) === turn) turns.delete(key);
  if (token === undefined) return { error: 'No rule could be held for it.' };
  if (merged.kept.length > 0 || merged.dropped.length > 0) {
    void inOrder(tabId, () => record(tabId, { type: 'page-baggage', kept: merged.kept, dropped: merged.dropped }));
  }
  return { token };
}

/** The request has left: its tab's rule goes (a token of another tab is ignored). */
export async function letGo(token: number, tabId: number): Promise<void> {
  const h = held.get(token);
  if (h && h.tabId === tabId) await letGoOf(h);
}

const keepRule = (id: number, tabId: number, method: string, url: string, value: string): HeaderRule => ({
  id,
  priority: PRIORITY.merged,
  action: { type: 'modifyHeaders', requestHeaders: [{ header: 'baggage', operation: 'set', value }] },
  condition: {
    // `|url|` anchors both ends; a `*` or `^` in the URL only widens the match within this tab and host.
    urlFilter: `|${url}|`,
    requestDomains: [new URL(url).hostname],
    requestMethods: [method.toLowerCase()],
    resourceTypes: ['xmlhttprequest'],
    tabIds: [tabId],
  },
});
