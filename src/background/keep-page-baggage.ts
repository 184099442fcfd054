import { memberNames, mergeBaggage } from '../core/baggage-merge';
import { exactUrl, urlOrigin, webHost } from '../core/url';
import type { OutgoingRequest } from '../platform/requests';
import type { ContextCache } from './context';
import type { HeldRules } from './keep-page-baggage-rules';
import { isBaggage, type PageBaggage } from './page-baggage';
import type { TabStates } from './tab-states';

/**
 * Chrome, "Keep the page's own baggage": declarativeNetRequest can only set the header, so a page
 * script asks, before each fetch/XHR that carries baggage of its own, for a rule that sets the
 * merged value for that one request (keep-page-baggage-rules.ts holds them). Without the switch,
 * the page's members are replaced, and the tab's diagnostics say which.
 */

/** The methods declarativeNetRequest can match; a request with another one goes unmerged. */
const DNR_METHODS = new Set(['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);

/**
 * Each tab's asks: a burst of `burst`, then `perSecond`. Asks past them are refused at once (the
 * request keeps the domain rule's value).
 */
const ASK_LIMITS = { burst: 64, perSecond: 32 } as const;

/** Chrome's asks for a page's own baggage, answered with one-request rules. */
export function createKeepPageBaggage({
  context,
  divertOf,
  hold,
  inOrder,
  isKept,
  record,
  tell,
}: Pick<ContextCache, 'context'> &
  Pick<HeldRules, 'hold' | 'isKept'> &
  Pick<PageBaggage, 'divertOf' | 'tell'> &
  Pick<TabStates, 'inOrder' | 'record'>) {
  /** Per tab, asks left in its bucket and when it was last filled. */
  const buckets = new Map<number, { left: number; at: number }>();

  function allowAsk(tabId: number, now = Date.now()): boolean {
    const b = buckets.get(tabId) ?? { left: ASK_LIMITS.burst, at: now };
    b.left = Math.min(ASK_LIMITS.burst, b.left + ((now - b.at) / 1000) * ASK_LIMITS.perSecond);
    b.at = now;
    buckets.set(tabId, b);
    if (b.left < 1) return false;
    b.left -= 1;
    return true;
  }

  const forgetAsker = (tabId: number): void => void buckets.delete(tabId);

  /**
   * Chrome: declarativeNetRequest can only set baggage. An observer of the headers the page asked
   * for (before the rules apply) tells the tab's diagnostics which of its own members were replaced.
   */
  async function noticeReplaced(request: OutgoingRequest): Promise<void> {
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

  /**
   * The page's script asks before a fetch/XHR with its own baggage leaves: when the request is
   * diverted (decided here, exactly as for Firefox), a session rule for that tab, method, URL and
   * initiator sets the merged value above the domain rules. The answer is a token to let go of once
   * the request has left; no token means the request goes as without the switch (the domain rule
   * sets okteto-divert).
   */
  async function keepPageBaggage(
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
    // The asking document's own origin only. A cross-origin call cannot carry the page's baggage
    // without CORS's say (no-cors drops it, cors asks first); a rule would set it on any call there.
    const origin = urlOrigin(senderUrl);
    if (!origin || urlOrigin(url) !== origin) return { error: 'Only calls to the page’s own origin keep their baggage.' };
    const divert = await divertOf({ tabId, url, originUrl: senderUrl });
    if (!divert) return { error: 'Not a diverted request.' };
    const merged = mergeBaggage(ask.baggage, divert.namespace);
    if (merged.tooLarge) {
      tell(tabId, merged);
      return { error: 'The page baggage is over the W3C limits.' };
    }
    const token = await hold({ tabId, method: ask.method, url, initiator, origin, value: merged.value });
    if (token === undefined) return { error: 'No rule could be held for it.' };
    tell(tabId, merged);
    return { token };
  }
  return { forgetAsker, noticeReplaced, keepPageBaggage };
}
export type KeepPageBaggage = ReturnType<typeof createKeepPageBaggage>;
