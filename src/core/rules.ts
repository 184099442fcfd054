import { BAGGAGE_HEADER, baggageValue } from './baggage';
import { covers } from './host';
import { carveOuts, layers, parents } from './rule-layers';
import { namespaceFor, type Settings } from './settings';

/** Every rule id and priority Divert Switch uses. Ids outside these ranges are never touched. */
export const RULE_IDS = {
  dynamic: { first: 1, last: 4999 },
  session: { first: 5000, last: 8999 },
  /** Chrome, "Keep the page's own baggage": one short-lived session rule per merged request. */
  merged: { first: 9000, last: 9999 },
  /** The DevTools panel's compare: one session rule for the one request the background sends. */
  compare: { first: 10000, last: 10000 },
} as const;
export interface RuleRange {
  readonly first: number;
  readonly last: number;
}

export const PRIORITY = {
  /** Domain → namespace rules (dynamic). */
  namespace: 1,
  /** "This tab only" pins (session, limited by tabIds) beat the domain rules. */
  tabPin: 2,
  /** One request's merged baggage (its tab, method and URL) beats both. */
  merged: 3,
  /** The compare's own request (the extension's, to one URL) beats every rule. */
  compare: 4,
} as const;

/**
 * Listed explicitly: without a list DNR leaves out main_frame. These are the types both browsers
 * accept; Firefox refuses the whole rule over Chrome's `webtransport` and `webbundle`.
 */
export const RESOURCE_TYPES = [
  'main_frame',
  'sub_frame',
  'stylesheet',
  'script',
  'image',
  'font',
  'object',
  'xmlhttprequest',
  'ping',
  'csp_report',
  'media',
  'websocket',
  'other',
] as const;
type ResourceType = (typeof RESOURCE_TYPES)[number];

/**
 * Where the browser lets a blocking webRequest listener merge into the page's own baggage
 * (Firefox), fetch/XHR are left to it and the rules cover the rest: one mechanism per request.
 * The other types never carry a baggage header of the page's own.
 */
const MERGED_TYPES: readonly ResourceType[] = ['xmlhttprequest'];
export const typesFor = (merging: boolean): readonly ResourceType[] =>
  merging ? RESOURCE_TYPES.filter((t) => !MERGED_TYPES.includes(t)) : RESOURCE_TYPES;

export interface HeaderRule {
  id: number;
  priority: number;
  action: {
    type: 'modifyHeaders';
    requestHeaders: { header: string; operation: 'set'; value: string }[];
  };
  condition: {
    requestDomains: string[];
    excludedRequestDomains?: string[];
    resourceTypes: ResourceType[];
    tabIds?: number[];
    /** The one-request rules (oneRequestRule: a page's own baggage kept, a compare) use these; initiatorDomains the workers' rules too. */
    urlFilter?: string;
    isUrlFilterCaseSensitive?: boolean;
    initiatorDomains?: string[];
    /** A worker rule's pinned hosts beneath its own, whose workers their own rule serves. */
    excludedInitiatorDomains?: string[];
    requestMethods?: string[];
  };
}
/**
 * The compare's rule for "Compare without divert" when the page sent no baggage of its own
 * (background/compare.ts): the one rule that removes the header instead of setting it.
 */
export interface RemovingRule extends Omit<HeaderRule, 'action'> {
  action: { type: 'modifyHeaders'; requestHeaders: { header: string; operation: 'remove' }[] };
}

/** One request the extension holds a rule for: a page's own baggage kept (Chrome), or a compare's. */
export interface OneRequest {
  url: string;
  method: string;
  tabId: number;
  /** The host that sends it (the asking document's; the extension's own for a compare). */
  initiator: string;
}

/**
 * The rule for one request alone, above every other of ours (`purpose` gives its priority): that
 * URL (`|url|` anchors both ends; the URL has no character urlFilter reads as syntax, so it matches
 * this one URL, letter case included), that method, tab and initiator, fetch/XHR only. It sets
 * `baggage`, or removes the header when there is none to send (a compare without divert).
 */
export function oneRequestRule(id: number, purpose: 'merged' | 'compare', r: OneRequest, baggage: string): HeaderRule;
export function oneRequestRule(
  id: number,
  purpose: 'merged' | 'compare',
  r: OneRequest,
  baggage: string | undefined,
): HeaderRule | RemovingRule;
export function oneRequestRule(
  id: number,
  purpose: 'merged' | 'compare',
  r: OneRequest,
  baggage: string | undefined,
): HeaderRule | RemovingRule {
  const condition: HeaderRule['condition'] = {
    urlFilter: `|${r.url}|`,
    isUrlFilterCaseSensitive: true,
    requestDomains: [new URL(r.url).hostname],
    initiatorDomains: [r.initiator],
    requestMethods: [r.method.toLowerCase()],
    resourceTypes: ['xmlhttprequest'],
    tabIds: [r.tabId],
  };
  const rule = { id, priority: PRIORITY[purpose], condition };
  const header = BAGGAGE_HEADER;
  return baggage === undefined
    ? { ...rule, action: { type: 'modifyHeaders', requestHeaders: [{ header, operation: 'remove' }] } }
    : { ...rule, action: { type: 'modifyHeaders', requestHeaders: [{ header, operation: 'set', value: baggage }] } };
}

/** A rule before it has an id: what the compiler decides, what the diff compares. */
export type RuleBody = Omit<HeaderRule, 'id'>;

/** Tab id → namespace pinned with "This tab only". */
export type TabPins = Record<number, string>;

function body(
  namespace: string,
  domains: string[],
  excluded: string[],
  priority: number,
  types: readonly ResourceType[],
  tabIds?: number[],
): RuleBody {
  const condition: RuleBody['condition'] = { requestDomains: domains, resourceTypes: [...types] };
  if (excluded.length > 0) condition.excludedRequestDomains = excluded;
  if (tabIds) condition.tabIds = tabIds;
  return {
    priority,
    action: {
      type: 'modifyHeaders',
      requestHeaders: [{ header: BAGGAGE_HEADER, operation: 'set', value: baggageValue(namespace) }],
    },
    condition,
  };
}

/** The enabled, permitted domains grouped by namespace (sorted, so equal settings give equal rules). */
function groups(settings: Settings, permitted: (domain: string) => boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (settings.paused) return out;
  const active = settings.domains.filter((d) => permitted(d.domain)).sort((a, b) => (a.domain < b.domain ? -1 : 1));
  for (const entry of active) {
    const ns = namespaceFor(settings, entry);
    if (!entry.enabled || ns === '') continue;
    const list = out.get(ns);
    if (list) list.push(entry.domain);
    else out.set(ns, [entry.domain]);
  }
  return out;
}

/** Settings → the dynamic rules: one `set baggage` rule per distinct namespace (per nesting layer). */
export function compileRules(
  settings: Settings,
  permitted: (domain: string) => boolean,
  types: readonly ResourceType[] = RESOURCE_TYPES,
): RuleBody[] {
  const grouped = groups(settings, permitted);
  const carved = carveOuts(settings, grouped);
  return [...grouped].flatMap(([ns, domains]) =>
    layers(domains, carved.get(ns) ?? []).map((l) => body(ns, l.domains, l.excluded, PRIORITY.namespace, types)),
  );
}

/**
 * Page host → the namespace its service and shared workers' requests carry, where that is not the
 * site's (core/workers.ts decides: every tab showing the host agrees on a pin).
 */
export type WorkerPins = Record<string, string>;

/**
 * Tab pins → session rules: the pinned namespace for every diverted domain, in that tab only; and
 * for the requests of no tab (tabIds -1: service and shared workers) that a pinned page's host
 * starts, its worker pin.
 */
export function compileSessionRules(
  settings: Settings,
  pins: TabPins,
  permitted: (domain: string) => boolean,
  types: readonly ResourceType[] = RESOURCE_TYPES,
  workers: WorkerPins = {},
): RuleBody[] {
  // Every enabled, permitted domain: a pin names its own namespace, so a domain with none chosen
  // globally is diverted in the pinned tab all the same (found by the property test).
  if (settings.paused) return [];
  const all = settings.domains
    .filter((e) => e.enabled && permitted(e.domain))
    .map((e) => e.domain)
    .sort();
  if (all.length === 0) return [];
  const diverted = new Set(all);
  const disabled = settings.domains
    .filter((e) => !diverted.has(e.domain) && parents(e.domain).some((p) => diverted.has(p)))
    .map((e) => e.domain)
    .sort();
  const parts = layers(all, disabled);
  const forTabs = Object.entries(pins)
    .sort(([a], [b]) => Number(a) - Number(b))
    .flatMap(([tab, ns]) => parts.map((l) => body(ns, l.domains, l.excluded, PRIORITY.tabPin, types, [Number(tab)])));
  const forWorkers = Object.entries(workers)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([host, ns]) =>
      parts.map((l) => {
        const rule = body(ns, l.domains, l.excluded, PRIORITY.tabPin, types, [TAB_ID_NONE]);
        rule.condition.initiatorDomains = [host];
        // A pinned host beneath this one has its own rule: the most specific host decides, as in divertForRequest.
        const inner = Object.keys(workers).filter((h) => h !== host && covers(host, h));
        if (inner.length) rule.condition.excludedInitiatorDomains = inner.sort();
        return rule;
      }),
    );
  return [...forTabs, ...forWorkers];
}

/** The tab id of requests that come from no tab: service workers, shared workers. */
export const TAB_ID_NONE = -1;
