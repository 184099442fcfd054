import { covers } from './host';

export const SCHEMA_VERSION = 2;

/** Where a domain's app says which namespace served a response (contract: served-by). */
export interface NamespaceFrom {
  header?: string;
  probe?: string;
  field?: string;
}

export interface DomainEntry {
  /** A host name; the entry covers its subdomains. */
  domain: string;
  enabled: boolean;
  /** Per-domain override of the active namespace. */
  namespace?: string;
  /** The team preset file this entry came from; absent for the user's own entries. */
  team?: string;
  /** Set by enterprise policy: cannot be removed, can be switched off. */
  managed?: boolean;
  namespaceFrom?: NamespaceFrom;
  /**
   * The user's own choice, per browser: the served-by probe sends this browser's cookies. Off by
   * default; never set by a team file or sync.
   */
  probeCookies?: true;
}

export interface Preset {
  namespace: string;
  label?: string;
  team?: string;
  managed?: boolean;
}

/** A team preset file followed by URL (fetched now, then at start and every hour). */
export interface Subscription {
  url: string;
  /** The team its file names, once fetched. */
  team: string;
}

export interface Settings {
  schemaVersion: typeof SCHEMA_VERSION;
  domains: DomainEntry[];
  presets: Preset[];
  /** '' until the user picks one: nothing is diverted without a namespace. */
  activeNamespace: string;
  /** Keeps every setting but sends no header anywhere. */
  paused: boolean;
  showPageBadge: boolean;
  /**
   * Chrome, the user's choice per browser (never synced or set by a team file): fetch/XHR keep the
   * page's own baggage members. Firefox always keeps them. Absent means off.
   */
  keepPageBaggage?: boolean;
  /**
   * The user's choice per browser: after the namespace changes or divert is switched for a site,
   * the tab reloads so that the page matches what the popup says. Absent means on.
   */
  reloadAfterChange?: boolean;
  /** "Tell me when my namespace changes": notifications (an optional permission) for deploys followed. */
  notifyChanges?: boolean;
  /**
   * The user's choice per browser: pinned tabs whose page a service worker controls load without
   * the worker (a reload that bypasses it), when the worker cannot carry their pin because other
   * tabs of the site use it too. Absent means off.
   */
  bypassWorkerInPinnedTabs?: boolean;
  /**
   * A time-boxed divert (per browser, never synced): when this time (ms since the epoch) comes,
   * divert pauses by itself. Absent: no time limit.
   */
  divertUntil?: number;
  /** Most recently used namespaces, newest first. */
  recent: string[];
  subscriptions: Subscription[];
}

export const DEFAULTS: Settings = {
  schemaVersion: SCHEMA_VERSION,
  domains: [],
  presets: [],
  activeNamespace: '',
  paused: false,
  showPageBadge: true,
  recent: [],
  subscriptions: [],
};

/** The namespace requests to `entry` are diverted to, or '' when none is chosen. */
export function namespaceFor(settings: Settings, entry: DomainEntry): string {
  return entry.namespace ?? settings.activeNamespace;
}

/** The most specific entry covering `host`, so a narrowed host entry beats its parent. */
export function entryCovering(settings: Settings, host: string): DomainEntry | undefined {
  let best: DomainEntry | undefined;
  for (const entry of settings.domains) {
    if (covers(entry.domain, host) && (!best || entry.domain.length > best.domain.length)) best = entry;
  }
  return best;
}
