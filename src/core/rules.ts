import { BAGGAGE_HEADER, baggageValue } from './baggage';
import { covers } from './host';
import { namespaceFor, type Settings } from './settings';

/** Every rule id and priority Divert Switch uses. Ids outside these ranges are never touched. */
export const RULE_IDS = {
  dynamic: { first: 1, last: 4999 },
  session: { first: 5000, last: 9999 },
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
export type ResourceType = (typeof RESOURCE_TYPES)[number];

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
  };
}
/** A rule before it has an id: what the compiler decides, what the diff compares. */
export type RuleBody = Omit<HeaderRule, 'id'>;

/** Tab id → namespace pinned with "This tab only". */
export type TabPins = Record<number, string>;

function body(namespace: string, domains: string[], excluded: string[], priority: number, tabIds?: number[]): RuleBody {
  const condition: RuleBody['condition'] = { requestDomains: domains, resourceTypes: [...RESOURCE_TYPES] };
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
    out.set(ns, [...(out.get(ns) ?? []), entry.domain]);
  }
  return out;
}

/**
 * Entries under `domains` that are not in the group: each is disabled or diverted to another
 * namespace, and must not get this rule's header (requestDomains also matches subdomains).
 */
function carveOuts(settings: Settings, domains: string[]): string[] {
  return settings.domains
    .filter((e) => !domains.includes(e.domain) && domains.some((d) => covers(d, e.domain)))
    .map((e) => e.domain)
    .sort();
}

/** Settings → the dynamic rules: one `set baggage` rule per distinct namespace. */
export function compileRules(settings: Settings, permitted: (domain: string) => boolean): RuleBody[] {
  return [...groups(settings, permitted)].map(([ns, domains]) =>
    body(ns, domains, carveOuts(settings, domains), PRIORITY.namespace),
  );
}

/** Tab pins → session rules: the pinned namespace for every diverted domain, in that tab only. */
export function compileSessionRules(settings: Settings, pins: TabPins, permitted: (domain: string) => boolean): RuleBody[] {
  const all = [...groups(settings, permitted).values()].flat().sort();
  if (all.length === 0) return [];
  const disabled = settings.domains
    .filter((e) => !e.enabled && all.some((d) => covers(d, e.domain)))
    .map((e) => e.domain)
    .sort();
  return Object.entries(pins)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([tab, ns]) => body(ns, all, disabled, PRIORITY.tabPin, [Number(tab)]));
}
