import { grantsDomain } from './permissions';
import type { TabPins, WorkerPins } from './rules';
import { namespaceFor, type Settings } from './settings';
import { divertFor } from './tab-state';

/** What a page host's service and shared workers carry, as a pinned tab showing it sees it. */
export interface WorkerView {
  /** The namespace their requests to diverted hosts carry. */
  carries: string;
  /** Every tab showing the host asks for `carries`: the workers follow the tabs' pins. */
  follows: boolean;
}

/**
 * A service worker (or shared worker) serves every tab of its origin, and its requests come from
 * no tab, so a tab pin's rule never matches them. For each host that a pinned tab shows: when
 * every tab showing it is diverted to the same namespace, the workers of that host carry it too
 * (a rule for tab -1 started by that host); when the tabs disagree (two pins, or a pin and the
 * site's namespace), they cannot follow both and carry the site's namespace. `tabHosts`: the host
 * each open tab shows.
 */
export function workerPlan(
  settings: Settings,
  pins: TabPins,
  origins: string[],
  tabHosts: Record<number, string>,
): Record<string, WorkerView> {
  const asked = new Map<string, Set<string>>();
  const pinnedHosts = new Set<string>();
  for (const [tab, host] of Object.entries(tabHosts)) {
    const divert = divertFor(settings, pins, origins, Number(tab), host);
    if (!divert) continue;
    if (divert.pinned) pinnedHosts.add(host);
    const set = asked.get(host) ?? new Set<string>();
    set.add(divert.namespace);
    asked.set(host, set);
  }
  const out: Record<string, WorkerView> = {};
  for (const host of pinnedHosts) {
    const site = divertFor(settings, {}, origins, -1, host)?.namespace;
    const wanted = [...(asked.get(host) ?? [])];
    if (wanted.length === 1) out[host] = { carries: wanted[0], follows: true };
    else if (site) out[host] = { carries: site, follows: false };
  }
  return out;
}

/**
 * The worker pins the rules need: hosts whose workers follow a pin that some diverted domain's own
 * rule does not already carry. A pin reaches every diverted domain, so a pin equal to the page
 * host's namespace still needs its rule when another domain is diverted elsewhere (found by the
 * DNR model's property test: a worker's call to that domain left with the domain's namespace).
 */
export function workerPins(settings: Settings, origins: string[], plan: Record<string, WorkerView>): WorkerPins {
  const diverted = settings.domains.filter((d) => d.enabled && grantsDomain(origins, d.domain));
  const out: WorkerPins = {};
  for (const [host, view] of Object.entries(plan)) {
    if (view.follows && diverted.some((d) => namespaceFor(settings, d) !== view.carries)) out[host] = view.carries;
  }
  return out;
}
