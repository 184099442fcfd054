import type { HeaderRule } from '../../src/core/rules';

/**
 * What Chrome's declarativeNetRequest does with our rules for one request, modelled from its
 * documentation: requestDomains matches the host and its subdomains, excludedRequestDomains wins
 * over it, tabIds limits a session rule to its tabs, resourceTypes to its types, initiatorDomains
 * to requests a page under them made, domainType 'firstParty' to requests of the same site as
 * their page (`sameSite`, the browser's own eTLD+1 test), and the highest priority `set` decides.
 */
const under = (domain: string, host: string) => host === domain || host.endsWith(`.${domain}`);

/** One request: its type and the host of the page that made it (default: a call the host's own page makes). */
export interface ModelRequest {
  type?: string;
  initiator?: string;
  sameSite?: boolean;
}

export function headerFor(rules: HeaderRule[], host: string, tabId: number, request: ModelRequest = {}): string | undefined {
  const { type = 'xmlhttprequest', initiator = host, sameSite = initiator === host } = request;
  const matching = rules.filter(
    (r) =>
      r.condition.requestDomains.some((d) => under(d, host)) &&
      !(r.condition.excludedRequestDomains ?? []).some((d) => under(d, host)) &&
      (r.condition.tabIds === undefined || r.condition.tabIds.includes(tabId)) &&
      (r.condition.resourceTypes as string[]).includes(type) &&
      (r.condition.initiatorDomains === undefined || r.condition.initiatorDomains.some((d) => under(d, initiator))) &&
      (r.condition.domainType === undefined || sameSite),
  );
  matching.sort((a, b) => b.priority - a.priority);
  return matching[0]?.action.requestHeaders[0].value;
}
