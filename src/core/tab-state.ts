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

/** Badge text: the namespace, cut to what a toolbar badge shows (about four characters). */
export const abbreviate = (namespace: string): string => (namespace.length <= 4 ? namespace : `${namespace.slice(0, 3)}…`);

/** The host of a web page URL, or undefined for other schemes and unreadable URLs. */
export function webHost(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return /^(https?|wss?):$/.test(u.protocol) ? u.hostname : undefined;
  } catch {
    return undefined;
  }
}
