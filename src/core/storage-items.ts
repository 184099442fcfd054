import { isNamespace } from './namespace';
import type { OktetoState } from './okteto';
import type { LastPages } from './previews';
import type { RequestLog } from './request-log';
import type { TabPins } from './rules';
import type { TabServed } from './served';
import type { BadgePlace } from './served-messages';
import type { KnownFrom } from './share-link';
import type { SubscriptionStatus } from './subscription';
import type { Shadow } from './sync';
import type { WorkerView } from './workers';

/**
 * Every storage key the extension uses, declared once: its area, its type, what a missing or
 * unreadable value reads as, and the check a stored value must pass. Nothing else spells a key.
 * `local` and `sync` are closed to content scripts where the browser allows it (Chrome); secrets
 * never live in storage at all (platform/secrets.ts).
 */
type Area = 'local' | 'session';

export interface Item<T> {
  area: Area;
  key: string;
  fallback: T;
  /** A stored value that fails this reads as `fallback`. */
  valid: (raw: unknown) => boolean;
}

const item = <T>(area: Area, key: string, fallback: T, valid: (raw: unknown) => boolean = () => true): Item<T> => ({
  area,
  key,
  fallback,
  valid,
});

// Plain checks, no schema library: the popup reads these on every open, and its bundle stays small.
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isString = (x: unknown) => typeof x === 'string';
const isNumber = (x: unknown) => typeof x === 'number';
const optional = (check: (x: unknown) => boolean) => (x: unknown) => x === undefined || check(x);
const arrayOf = (check: (x: unknown) => boolean) => (x: unknown) => Array.isArray(x) && x.every(check);
const recordOf = (check: (x: unknown) => boolean) => (x: unknown) => isObject(x) && Object.values(x).every(check);
const shaped =
  (fields: Record<string, (x: unknown) => boolean>) =>
  (x: unknown): boolean =>
    isObject(x) && Object.entries(fields).every(([k, check]) => check(x[k]));

const isOktetoState = shaped({
  url: isString,
  namespaces: arrayOf(isString),
  statuses: optional(recordOf(isString)),
  details: optional(recordOf(shaped({ services: arrayOf(shaped({ name: isString, endpoints: arrayOf(isString) })) }))),
  previews: optional(recordOf(shaped({ branch: optional(isString), scope: optional(isString) }))),
  api: optional(shaped({ spaces: isNumber, previews: isNumber, details: (x) => typeof x === 'boolean' })),
  news: optional(recordOf(shaped({ line: isString, at: isNumber }))),
  fetchedAt: optional(isNumber),
  error: optional(isString),
  domains: optional(arrayOf(isString)),
  owns: optional(arrayOf(isString)),
});

/** Settings kept aside because they could not be read, or before something could overwrite them. */
export interface Aside {
  blob: unknown;
  reason: string;
  at: number;
}

export interface ManagedStatus {
  teams: string[];
  errors: string[];
  oktetoInstanceUrl?: string;
}

/** This browser's side of sync: whether it is on, what it last synced, and the last problem. */
export interface SyncState {
  enabled: boolean;
  shadow: Shadow;
  lastSync?: number;
  error?: string;
  /** Synced items refused, key → why; an item the sync area later changes or drops leaves the list. */
  refused?: Record<string, string>;
}

const isAside = shaped({ reason: isString, at: isNumber });
const isPlace = shaped({ x: optional(isNumber), y: optional(isNumber), collapsed: (x) => typeof x === 'boolean' });

export const ITEMS = {
  /** Raw: the background migrates and validates it (core/settings-schema.ts). */
  settings: item<unknown>('local', 'settings', undefined),
  settingsAside: item<Aside | undefined>('local', 'settingsAside', undefined, isAside),
  settingsAsideOlder: item<Aside[]>('local', 'settingsAsideOlder', [], arrayOf(isAside)),
  managedStatus: item<ManagedStatus | undefined>(
    'local',
    'managedStatus',
    undefined,
    shaped({ teams: arrayOf(isString), errors: arrayOf(isString), oktetoInstanceUrl: optional(isString) }),
  ),
  /** Versions before 0.3 kept one instance here; it moves into `oktetoInstances` (legacy.ts). */
  okteto: item<OktetoState | undefined>('local', 'okteto', undefined, isOktetoState),
  /** The Okteto instances, each with the namespaces it listed; their tokens are secrets, not stored here. */
  oktetoInstances: item<OktetoState[] | undefined>('local', 'oktetoInstances', undefined, arrayOf(isOktetoState)),
  /**
   * Namespaces the user chose on this machine (core/share-link.ts choseHere): only these make a
   * share link apply by itself. Per browser, never synced. Absent on profiles older than the list.
   */
  chosenHere: item<string[] | undefined>(
    'local',
    'chosenHere',
    undefined,
    arrayOf((x) => isNamespace(x)),
  ),
  syncState: item<SyncState>(
    'local',
    'syncState',
    { enabled: false, shadow: {} },
    shaped({ enabled: (x) => typeof x === 'boolean', shadow: isObject }),
  ),
  subscriptionStatus: item<Record<string, SubscriptionStatus>>('local', 'subscriptionStatus', {}, recordOf(isObject)),
  badgePlaces: item<Record<string, BadgePlace>>('local', 'badgePlaces', {}, recordOf(isPlace)),
  /** Tab pins end with the browser session. */
  pins: item<TabPins>(
    'session',
    'pins',
    {},
    recordOf((x) => typeof x === 'string' && isNamespace(x)),
  ),
  /**
   * Page host → what its service and shared workers' requests carry, for the hosts pinned tabs show
   * (core/workers.ts); the background's own record, rewritten with the rules.
   */
  workers: item<Record<string, WorkerView>>(
    'session',
    'workers',
    {},
    recordOf(shaped({ carries: (x) => isNamespace(x), follows: (x) => typeof x === 'boolean' })),
  ),
  /**
   * The last page used on each diverted domain (entry → origin and path, no query), where a
   * preview link opens (core/previews.ts); ends with the browser session, never synced.
   */
  lastPages: item<LastPages>('session', 'lastPages', {}, recordOf(shaped({ url: isString, at: isNumber }))),
  /** Tabs a share link opened, with the namespace and the URL it named (they end with the session). */
  shared: item<Record<string, SharedTab>>(
    'session',
    'shared',
    {},
    recordOf(
      shaped({
        namespace: (x) => isNamespace(x),
        url: isString,
        status: optional((x) => x === 'asking' || x === 'ignored'),
        from: optional(arrayOf(shaped({ kind: isString, by: optional(isString) }))),
        preview: optional((x) => x === 'namespace' || x === 'unlisted'),
      }),
    ),
  ),
} as const;

/**
 * A tab that loaded a share link. Without `status` the link applied: the tab is pinned to
 * `namespace`, and the badge says where it came from. `asking`: the namespace is not one the user
 * chose before, so nothing changed and the popup asks; `ignored`: the user said no.
 */
export interface SharedTab {
  namespace: string;
  url: string;
  status?: 'asking' | 'ignored';
  /** Asking: where the name is known from, when anywhere (the popup says so). */
  from?: KnownFrom[];
  /**
   * Asked by a preview link ("Open diverted to ▸ The preview in this link") whose instance lists
   * the name only as a namespace, or not at all: the tab opened unpinned, and the popup says so.
   */
  preview?: 'namespace' | 'unlisted';
}

/** What the background learned about one tab's page (it ends with the session). */
export const tabServedItem = (tabId: number): Item<TabServed | undefined> =>
  item<TabServed | undefined>('session', `served:${tabId}`, undefined, shaped({ requests: isNumber, carried: isNumber }));

/** A tab's requests to covered hosts, for the DevTools panel (background/request-log.ts); ends with the tab. */
export const requestLogItem = (tabId: number): Item<RequestLog> =>
  item<RequestLog>('session', `requests:${tabId}`, [], arrayOf(shaped({ id: isString, url: isString, at: isNumber })));

/** The tab a stored key is the request log of, if it is one (the logs are read back whole after a wake). */
export function requestLogTab(key: string): number | undefined {
  const tab = /^requests:(\d{1,15})$/.exec(key)?.[1];
  return tab === undefined ? undefined : Number(tab);
}

/** Keys older versions wrote that are moved or dropped at start. */
export const LEGACY_KEYS = { oktetoToken: 'oktetoToken' } as const;
