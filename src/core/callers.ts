import { covers } from './host';
import type { Settings } from './settings';
import { urlHost } from './url';

/**
 * Of the URLs a page loaded, the hosts under enabled domain entries: a page on another host that
 * calls them sends no header until we may access that page's host too (browsers check the initiator).
 */
export function divertedHostsCalled(urls: readonly string[], settings: Settings, limit = 5): string[] {
  const enabled = settings.domains.filter((d) => d.enabled).map((d) => d.domain);
  const out: string[] = [];
  for (const url of urls) {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      continue;
    }
    if (!out.includes(host) && enabled.some((d) => covers(d, host))) out.push(host);
    if (out.length >= limit) break;
  }
  return out;
}

/** A calling page's host as a user types it: a host name, localhost or an IPv4 address, port ignored. */
export function callerHost(input: string): string | undefined {
  const raw = input.trim().toLowerCase();
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(raw) ? raw : `http://${raw}`).hostname;
  } catch {
    return undefined;
  }
  return /^[a-z0-9.-]{1,253}$/.test(host) && !host.startsWith('.') && !host.endsWith('.') ? host : undefined;
}

/** The hosts the extension itself fetches from: subscribed preset files and the Okteto instance. */
export function fetchHosts(settings: Settings, oktetoUrls: readonly string[] = []): string[] {
  return [...settings.subscriptions.map((s) => s.url), ...oktetoUrls].map(urlHost).filter((h): h is string => h !== undefined);
}

/**
 * Calling pages: the exact hosts the user granted so that their pages' calls to diverted hosts
 * carry the header. Not a grant for all sites (all URLs, or a `*` host: Chrome's "On all sites"),
 * not a whole domain (a `*.` host), and not a host the extension only fetches from (its grant says
 * nothing about pages there).
 */
export function callingPageHosts(origins: readonly string[], fetched: readonly string[]): string[] {
  const hosts = origins
    .map((o) => /^(?:\*|https?):\/\/([^*/]+)\/\*$/.exec(o)?.[1]?.replace(/:\d+$/, ''))
    .filter((h): h is string => !!h && !fetched.includes(h));
  return [...new Set(hosts)].sort();
}
