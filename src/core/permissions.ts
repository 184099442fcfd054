import { covers } from './host';
import type { Settings } from './settings';
import { urlHost } from './url';

/**
 * Match patterns asked for when the user diverts `domain`: the host and all its subdomains.
 * In Chrome the `*` scheme means http and https only; WebSocket handshakes need ws/wss patterns.
 */
export const originPatterns = (domain: string): string[] => ['*', 'ws', 'wss'].map((scheme) => `${scheme}://*.${domain}/*`);

/** True when every pattern "Divert this site" asks for is granted already (no prompt needed). */
export function hasAccessPatterns(origins: readonly string[], domain: string): boolean {
  return origins.includes('<all_urls>') || originPatterns(domain).every((p) => origins.includes(p));
}

/** True when one of the granted match patterns gives host access to `domain` and all its subdomains. */
export function grantsDomain(origins: readonly string[], domain: string): boolean {
  return origins.some((pattern) => {
    if (pattern === '<all_urls>') return true;
    const m = /^(\*|https?|wss?):\/\/([^/]+)\/.*$/.exec(pattern);
    if (!m) return false;
    const host = m[2].replace(/:\d+$/, '');
    if (host === '*') return true;
    if (!host.startsWith('*.')) return false; // an exact host does not cover the subdomains
    const base = host.slice(2);
    return domain === base || domain.endsWith(`.${base}`);
  });
}

/** True when the granted patterns give host access to exactly `host` (a page's origin host). */
export function grantsHost(origins: readonly string[], host: string): boolean {
  return origins.some((pattern) => {
    if (pattern === '<all_urls>') return true;
    const m = /^(\*|https?):\/\/([^/]+)\/.*$/.exec(pattern);
    if (!m) return false;
    const h = m[2].replace(/:\d+$/, '');
    if (h === '*') return true;
    if (h.startsWith('*.')) return host === h.slice(2) || host.endsWith(h.slice(1));
    return host === h;
  });
}

/** The pattern asked for to let a page on `host` send diverted requests (Chrome checks the initiator). */
export const initiatorPattern = (host: string): string => `*://${host}/*`;

/** Every domain an entry of these settings may need access to (enabled or not: switching on asks nothing again). */
const neededDomains = (settings: Settings) => settings.domains.map((d) => d.domain);

/**
 * The granted origins a change leaves nothing needing: those of domain entries it removed (by
 * hand, with their team, or with an unsubscribe) when no remaining entry is that domain or below
 * it, and the file host of a subscription it dropped when no other subscription uses that host.
 * Calling pages the user added (exact hosts) are never touched, nor is anything the change kept.
 */
export function releasedOrigins(before: Settings, after: Settings, granted: readonly string[]): string[] {
  const remaining = neededDomains(after);
  const gone = neededDomains(before).filter((d) => !remaining.some((r) => covers(d, r)));
  const hostsLeft = new Set(after.subscriptions.map((s) => urlHost(s.url)));
  const subHostsGone = before.subscriptions
    .map((s) => urlHost(s.url))
    .filter((h): h is string => h !== undefined && !hostsLeft.has(h) && !remaining.some((r) => covers(r, h)));
  const wanted = new Set([...gone.flatMap(originPatterns), ...subHostsGone.map(initiatorPattern)]);
  return granted.filter((o) => wanted.has(o));
}
