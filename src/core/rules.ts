import { BAGGAGE_HEADER, baggageValue } from './baggage';
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
    /**
     * These four: the one-request rules, "Keep the page's own baggage" (background/keep-page-baggage-rules.ts)
     * and the panel's compare (background/compare.ts); initiatorDomains also the workers' rules here.
     */
    urlFilter?: string;
    isUrlFilterCaseSensitive?: boolean;
    initiatorDomains?: string[];
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

/** The proper parents of a host: a.b.example.com → b.example.com, example.com, com. */
function parents(host: string): string[] {
  const out: string[] = [];
  for (let i = host.indexOf('.'); i !== -1; i = host.indexOf('.', i + 1)) out.push(host.slice(i + 1));
  return out;
}

/**
 * Per namespace, the entries under its domains that are not in its group: each is disabled or
 * diverted to another namespace, and must not get that rule's header (requestDomains also matches
 * subdomains). One pass over the entries' parents: linear in entries, whatever the namespaces.
 */
function carveOuts(settings: Settings, grouped: Map<string, string[]>): Map<string, string[]> {
  const groupOf = new Map<string, string>();
  for (const [ns, domains] of grouped) for (const d of domains) groupOf.set(d, ns);
  const out = new Map<string, string[]>();
  for (const e of settings.domains) {
    for (const p of parents(e.domain)) {
      const ns = groupOf.get(p);
      if (ns === undefined || groupOf.get(e.domain) === ns) continue;
      const list = out.get(ns) ?? [];
      if (!list.includes(e.domain)) list.push(e.domain);
      out.set(ns, list);
    }
  }
  return out;
}

interface Layer {
  domains: string[];
  excluded: string[];
}

/**
 * excludedRequestDomains wins over requestDomains for the whole subtree, so an entry diverted
 * under one that is carved out (a.b.example.com on, b.example.com off, example.com on) cannot sit
 * in the same rule: it goes to a rule of its own. Usually there is one layer; deeper nesting adds
 * one rule per level. Each layer's carve-outs are those under its own domains.
 */
function layers(domains: string[], carve: string[]): Layer[] {
  const out: Layer[] = [];
  let rest = domains;
  while (rest.length > 0) {
    const inRule = new Set(rest);
    const excluded = new Set(carve.filter((e) => parents(e).some((p) => inRule.has(p))));
    const blocked = new Set(rest.filter((d) => parents(d).some((p) => excluded.has(p))));
    const top = rest.filter((d) => !blocked.has(d));
    const topSet = new Set(top);
    out.push({ domains: top, excluded: carve.filter((e) => parents(e).some((p) => topSet.has(p))).sort() });
    rest = rest.filter((d) => blocked.has(d));
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
        return rule;
      }),
    );
  return [...forTabs, ...forWorkers];
}

/** The tab id of requests that come from no tab: service workers, shared workers. */
export const TAB_ID_NONE = -1;
