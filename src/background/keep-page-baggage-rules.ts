import { type HeaderRule, oneRequestRule, RULE_IDS } from '../core/rules';
import { dnr } from '../platform/dnr';
import { serial } from './serial';

/*
 * Chrome, "Keep the page's own baggage": one short-lived rule per request that carries it. A page
 * can send these asks itself (it shares the document with the bridge), so each is taken as a
 * hostile page would send it. A held rule matches that one URL (anchored, case-sensitive, no
 * wildcard), that method, that tab, from the asking document's host, for a few seconds; every
 * settings change, pause, end of a time box and wake drops them all (reconcile.ts).
 */
/**
 * How many rules one tab may hold at once, and how long any rule lives if never let go (the
 * request has left by then: the page asks right before it sends).
 */
const HOLD_LIMITS = { perTab: 64, lifetimeMs: 5_000 } as const;

interface Held {
  id: number;
  tabId: number;
  /** The asking document's origin: only a document of that origin lets go of it. */
  origin: string;
  key: string;
  value: string;
  refs: number;
  timer: ReturnType<typeof setTimeout>;
}

const keyOf = (tabId: number, method: string, url: string) => `${tabId} ${method} ${url.split('#')[0]}`;

export interface Kept {
  tabId: number;
  method: string;
  /** From exactUrl: no wildcard, separator or anchor characters, no userinfo. */
  url: string;
  /** The asking document's host, and its origin (the URL's own: keep-page-baggage.ts). */
  initiator: string;
  origin: string;
  value: string;
}

const keepRule = (id: number, k: Kept): HeaderRule => oneRequestRule(id, 'merged', k, k.value);

/** The one-request rules held for pages' own baggage, for this wake. */
export function createHeldRules() {
  const held = new Map<number, Held>();

  const byKey = new Map<string, Held>();

  /** Per request key, one ask at a time: a second request with other baggage waits for the first. */
  const turns = serial<string>();

  /** Bumped whenever every held rule is dropped: an ask decided before then adds nothing after. */
  let epoch = 0;

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
  function dropHeld(): void {
    epoch++;
    for (const h of held.values()) clearTimeout(h.timer);
    held.clear();
    byKey.clear();
  }

  /**
   * Holds a rule for one request that keeps its baggage (`k`, already checked), in the turn of its
   * request key: the token to let go of, or undefined when none can be held (limits, a request to
   * the same URL with other baggage still out, everything dropped meanwhile).
   */
  async function hold(k: Kept): Promise<number | undefined> {
    const { tabId, url } = k;
    const key = keyOf(tabId, k.method, url);
    const since = epoch;
    return turns(key, async () => {
      const same = byKey.get(key);
      if (same?.value === k.value) {
        same.refs++;
        return same.id;
      }
      // Another request to the same URL with other baggage is out: wait for it (bounded).
      for (let i = 0; byKey.has(key) && i < 50; i++) await new Promise((r) => setTimeout(r, 20));
      if (byKey.has(key) || epoch !== since) return undefined;
      const mine = [...held.values()].filter((h) => h.tabId === tabId).length;
      const id = freeId();
      if (mine >= HOLD_LIMITS.perTab || id === undefined) return undefined;
      const h: Held = {
        id,
        tabId,
        origin: k.origin,
        key,
        value: k.value,
        refs: 1,
        timer: setTimeout(() => void forget(h), HOLD_LIMITS.lifetimeMs),
      };
      held.set(id, h);
      byKey.set(key, h);
      try {
        await dnr.session.update({
          addRules: [keepRule(id, k)],
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
  }

  /**
   * The request has left: its rule goes. A token of another tab, or asked by a document of another
   * origin (a frame of another site in the same tab), is ignored.
   */
  async function letGo(token: number, tabId: number, origin: string | undefined): Promise<void> {
    const h = held.get(token);
    if (h && h.tabId === tabId && h.origin === origin) await letGoOf(h);
  }
  return { isKept, dropHeld, hold, letGo };
}
export type HeldRules = ReturnType<typeof createHeldRules>;
