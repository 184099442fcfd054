import type { HeaderRule } from '../../src/core/rules';

/**
 * What Chrome's declarativeNetRequest does with our rules for one request, modelled from its
 * documentation: requestDomains matches the host and its subdomains, excludedRequestDomains wins
 * over it, tabIds limits a session rule to its tabs (-1: requests of no tab), initiatorDomains to
 * requests its hosts (and their subdomains) start, the highest priority `set` decides.
 */
const under = (domain: string, host: string) => host === domain || host.endsWith(`.${domain}`);

export function headerFor(rules: HeaderRule[], host: string, tabId: number, initiator?: string): string | undefined {
  const matching = rules.filter(
    (r) =>
      r.condition.requestDomains.some((d) => under(d, host)) &&
      !(r.condition.excludedRequestDomains ?? []).some((d) => under(d, host)) &&
      (r.condition.tabIds === undefined || r.condition.tabIds.includes(tabId)) &&
      (r.condition.initiatorDomains === undefined ||
        (initiator !== undefined && r.condition.initiatorDomains.some((d) => under(d, initiator)))) &&
      !(initiator !== undefined && r.condition.excludedInitiatorDomains?.some((d) => under(d, initiator))),
  );
  matching.sort((a, b) => b.priority - a.priority);
  return matching[0]?.action.requestHeaders[0].value;
}
