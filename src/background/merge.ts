import { type Merged, memberNames, mergeBaggage } from '../core/baggage-merge';
import { grantsHost } from '../core/permissions';
import { type HeaderRule, PRIORITY, RULE_IDS } from '../core/rules';
import { divertForRequest, webHost } from '../core/tab-state';
import { dnr } from '../platform/dnr';
import type { HeadersChange, OutgoingRequest } from '../platform/requests';
import { context } from './context';
import { serial } from './serial';
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
  return divertForRequest(ctx.settings, ctx.pins, ctx.workers, ctx.origins, { tabId: request.tabId, host, initiator });
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
  // Over the W3C limits it is not parsed: it leaves as the rules would send it (core/baggage-merge.ts).
  const merged = mergeBaggage(own, divert.namespace);
  if (request.tabId >= 0 && own.trim() !== '') tell(request.tabId, merged);
  return { requestHeaders: [...headers.filter((h) => !isBaggage(h)), { name: 'baggage', value: merged.value }] };
}

/**
 * Chrome: declarativeNetRequest can only set baggage. An observer of the headers the page asked
 * for (before the rules apply) tells the tab's diagnostics which of its own members were replaced.
 */
export async function noticeReplaced(request: OutgoingRequest): Promise<void> {
  if (request.tabId < 0) return;
  // One read of the page's header: its member names, or undefined when it is over the W3C limits.
  const own = memberNames(
    (request.requestHeaders ?? [])
      .filter(isBaggage)
      .map((h) => h.value ?? '')
      .join(','),
  );
  if (own?.length === 0 || isKept(request.tabId, request.method ?? 'GET', request.url)) return;
  if (!(await divertOf(request))) return;
  const tabId = request.tabId;
  await inOrder(tabId, () =>
    record(tabId, own ? { type: 'page-baggage', replaced: own } : { type: 'page-baggage', tooLarge: true }),
  );
}

/** What became of a page's own members, for its tab's diagnostics (only when there is news). */
function tell(tabId: number, merged: Merged): void {
  const { kept, dropped, tooLarge } = merged;
  if (kept.length > 0 || dropped.length > 0 || tooLarge)
    void inOrder(tabId, () => record(tabId, { type: 'page-baggage', kept, dropped, ...(tooLarge ? { tooLarge } : {}) }));
}

// ---- Chrome, "Keep the page's own baggage": one short-lived rule per request that carries it ----
//
// A page can send these asks itself (it shares the document with the bridge), so each is taken
// as a hostile page would send it. A held rule matches that one URL (anchored, case-sensitive, no
// wildcard), that method, that tab, from the asking document's host, for a few seconds; every
// settings change, pause, end of a time box and wake drops them all (reconcile.ts).

/** The methods declarativeNetRequest can match; a request with another one goes unmerged. */
const DNR_METHODS = new Set(['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
/**
 * How many rules one tab may hold at once; how long any rule lives if never let go (the request
 * has left by then: the page asks right before it sends); and each tab's asks: a burst of `burst`,
 * then `perSecond`. Asks past them are refused at once (the request keeps the domain rule's value).
 */
const KEEP_LIMITS = { perTab: 64, lifetimeMs: 5_000, burst: 64, perSecond: 32 } as const;

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
/** Per request key, one ask at a time: a second request with other baggage waits for the first. */
const turns = serial<string>();
const keyOf = (tabId: number, method: string, url: string) => `${tabId} ${method} ${url.split('#')[0]}`;
/** Bumped whenever every held rule is dropped: an ask decided before then adds nothing after. */
let epoch = 0;

/** Per tab, asks left in its bucket and when it was last filled. */
const buckets = new Map<number, { left: number; at: number }>();
function allowAsk(tabId: number, now = Date.now()): boolean {
  const b = buckets.get(tabId) ?? { left: KEEP_LIMITS.burst, at: now };
  b.left = Math.min(KEEP_LIMITS.burst, b.left + ((now - b.at) / 1000) * KEEP_LIMITS.perSecond);
  b.at = now;
  buckets.set(tabId, b);
  if (b.left < 1) return false;
  b.left -= 1;
  return true;
}

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
 * Every held rule is forgotten here; the caller removes the merged range from the browser in the
 * same session update as its other rules (reconcile: each commit, access change and wake). A
 * closed tab's bucket goes with it.
 */
export function dropHeld(): void {
  epoch++;
  for (const h of held.values()) clearTimeout(h.timer);
  held.clear();
  byKey.clear();
}
export const forgetAsker = (tabId: number): void => void buckets.delete(tabId);

/**
 * The one URL a held rule may match, as the browser will send it, or undefined. Refused: anything
 * but http(s), userinfo (it hides the real host from a reader), and the characters urlFilter
 * reads as syntax (`*` `^` `|`), which would widen an anchored filter.
 */
function exactUrl(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(u.protocol) || u.username !== '' || u.password !== '') return undefined;
  u.hash = '';
  return /[*^|]/.test(u.href) ? undefined : u.href;
}

/**
 * The page's script asks before a fetch/XHR with its own baggage leaves: when the request is
 * diverted (decided here, exactly as for Firefox), a session rule for that tab, method, URL and
 * initiator sets the merged value above the domain rules. The answer is a token to let go of once
 * the request has left; no token means the request goes as without the switch (the domain rule
 * sets okteto-divert).
 */
export async function keepBaggage(
  ask: { url: string; method: string; baggage: string },
  tabId: number,
  senderUrl: string | undefined,
): Promise<{ token?: number; error?: string }> {
  if (!allowAsk(tabId)) return { error: 'Too many asks from this tab.' };
  if (!(await context()).settings.keepPageBaggage) return { error: 'The switch is off.' };
  if (!DNR_METHODS.has(ask.method)) return { error: 'Not a method the rules can match.' };
  const url = exactUrl(ask.url);
  const initiator = webHost(senderUrl);
  if (!url || !initiator) return { error: 'Not a URL a rule can match exactly.' };
  const divert = await divertOf({ tabId, url, originUrl: senderUrl });
  if (!divert) return { error: 'Not a diverted request.' };
  const merged = mergeBaggage(ask.baggage, divert.namespace);
  if (merged.tooLarge) {
    tell(tabId, merged);
    return { error: 'The page baggage is over the W3C limits.' };
  }
  const key = keyOf(tabId, ask.method, url);
  const since = epoch;
  const token = await turns(key, async () => {
    const same = byKey.get(key);
    if (same?.value === merged.value) {
      same.refs++;
      return same.id;
    }
    // Another request to the same URL with other baggage is out: wait for it (bounded).
    for (let i = 0; byKey.has(key) && i < 50; i++) await new Promise((r) => setTimeout(r, 20));
    if (byKey.has(key) || epoch !== since) return undefined;
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
      await dnr.session.update({
        addRules: [keepRule(id, { tabId, method: ask.method, url, initiator, value: merged.value })],
        removeRuleIds: [id],
      });
    } catch {
      await forget(h);
      return undefined;
    }
    // Everything was dropped while the rule went in (a pause, say): it goes too.
    if (epoch !== since) {
      await dnr.session.update({ addRules: [], removeRuleIds: [id] }).catch(() => undefined);
      return undefined;
    }
    return id;
  });
  if (token === undefined) return { error: 'No rule could be held for it.' };
  tell(tabId, merged);
  return { token };
}

/** The request has left: its tab's rule goes (a token of another tab is ignored). */
export async function letGo(token: number, tabId: number): Promise<void> {
  const h = held.get(token);
  if (h && h.tabId === tabId) await letGoOf(h);
}

interface Kept {
  tabId: number;
  method: string;
  /** From exactUrl: no wildcard, separator or anchor characters, no userinfo. */
  url: string;
  /** The asking document's host. */
  initiator: string;
  value: string;
}
const keepRule = (id: number, k: Kept): HeaderRule => ({
  id,
  priority: PRIORITY.merged,
  action: { type: 'modifyHeaders', requestHeaders: [{ header: 'baggage', operation: 'set', value: k.value }] },
  condition: {
    // `|url|` anchors both ends; the URL has no character urlFilter reads as syntax, so it matches
    // this one URL, letter case included.
    urlFilter: `|${k.url}|`,
    isUrlFilterCaseSensitive: true,
    requestDomains: [new URL(k.url).hostname],
    initiatorDomains: [k.initiator],
    requestMethods: [k.method.toLowerCase()],
    resourceTypes: ['xmlhttprequest'],
    tabIds: [k.tabId],
  },
});
