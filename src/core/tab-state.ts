import { covers } from './host';
import { grantsDomain } from './permissions';
import type { TabPins } from './rules';
import { entryCovering, namespaceFor, type Settings } from './settings';

/** What happens to a tab's requests: diverted (to which namespace, through which entry) or not. */
export interface TabDivert {
  domain: string;
  namespace: string;
  /** The namespace comes from "This tab only". */
  pinned: boolean;
}

/** The divert in force for a tab showing `host`, exactly as the compiled rules apply it. */
export function divertFor(
  settings: Settings,
  pins: TabPins,
  origins: string[],
  tabId: number,
  host: string,
): TabDivert | undefined {
  if (settings.paused) return undefined;
  const entry = entryCovering(settings, host);
  if (!entry?.enabled || !grantsDomain(origins, entry.domain)) return undefined;
  const pinned = pins[tabId];
  const namespace = pinned ?? namespaceFor(settings, entry);
  return namespace ? { domain: entry.domain, namespace, pinned: pinned !== undefined } : undefined;
}

/**
 * The divert of a request as the rules decide it, worker pins included: a request of no tab (a
 * service or shared worker) started by a page host whose workers follow a pin carries that pin
 * (rules' initiatorDomains: the host and its subdomains).
 */
export function divertForRequest(
  settings: Settings,
  pins: TabPins,
  workers: Record<string, { carries: string; follows: boolean }>,
  origins: string[],
  request: { tabId: number; host: string; initiator?: string },
): TabDivert | undefined {
  const { tabId, host, initiator } = request;
  if (tabId >= 0 || !initiator) return divertFor(settings, pins, origins, tabId, host);
  // The most specific pinned host covering the worker's page decides (its rule excludes the hosts beneath).
  const pinnedBy = Object.entries(workers)
    .filter(([h, w]) => w.follows && covers(h, initiator))
    .sort(([a], [b]) => b.length - a.length)[0]?.[1].carries;
  return divertFor(settings, pinnedBy ? { [tabId]: pinnedBy } : {}, origins, tabId, host);
}

/** Badge text: the namespace, cut to what a toolbar badge shows (about four characters). */
export const abbreviate = (namespace: string): string => (namespace.length <= 4 ? namespace : `${namespace.slice(0, 3)}…`);
