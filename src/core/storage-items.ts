import * as v from 'valibot';
import type { OktetoState } from './okteto';
import type { TabPins } from './rules';
import { NamespaceSchema } from './schema';
import type { TabServed } from './served';
import type { BadgePlace } from './served-messages';
import type { SubscriptionStatus } from './subscription';
import type { Shadow } from './sync';

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

const item = <T>(area: Area, key: string, fallback: T, schema?: v.GenericSchema): Item<T> => ({
  area,
  key,
  fallback,
  valid: schema ? (raw) => v.is(schema, raw) : () => true,
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

const AsideSchema = v.object({ blob: v.unknown(), reason: v.string(), at: v.number() });
const PlaceSchema = v.object({ x: v.optional(v.number()), y: v.optional(v.number()), collapsed: v.boolean() });

export const ITEMS = {
  /** Raw: the background migrates and validates it (core/settings-schema.ts). */
  settings: item<unknown>('local', 'settings', undefined),
  settingsAside: item<Aside | undefined>('local', 'settingsAside', undefined, AsideSchema),
  settingsAsideOlder: item<Aside[]>('local', 'settingsAsideOlder', [], v.array(AsideSchema)),
  managedStatus: item<ManagedStatus | undefined>(
    'local',
    'managedStatus',
    undefined,
    v.object({ teams: v.array(v.string()), errors: v.array(v.string()), oktetoInstanceUrl: v.optional(v.string()) }),
  ),
  /** The instance and the namespaces it listed; its token is a secret, not stored here. */
  okteto: item<OktetoState | undefined>(
    'local',
    'okteto',
    undefined,
    v.object({
      url: v.string(),
      namespaces: v.array(v.string()),
      fetchedAt: v.optional(v.number()),
      error: v.optional(v.string()),
    }),
  ),
  syncState: item<SyncState>(
    'local',
    'syncState',
    { enabled: false, shadow: {} },
    v.object({ enabled: v.boolean(), shadow: v.record(v.string(), v.unknown()) }),
  ),
  subscriptionStatus: item<Record<string, SubscriptionStatus>>(
    'local',
    'subscriptionStatus',
    {},
    v.record(v.string(), v.object({})),
  ),
  badgePlaces: item<Record<string, BadgePlace>>('local', 'badgePlaces', {}, v.record(v.string(), PlaceSchema)),
  /** Tab pins end with the browser session. */
  pins: item<TabPins>('session', 'pins', {}, v.record(v.string(), NamespaceSchema)),
} as const;

/** What the background learned about one tab's page (it ends with the session). */
export const tabServedItem = (tabId: number): Item<TabServed | undefined> =>
  item<TabServed | undefined>('session', `served:${tabId}`, undefined, v.object({ requests: v.number(), carried: v.number() }));

/** Keys older versions wrote that are moved or dropped at start. */
export const LEGACY_KEYS = { oktetoToken: 'oktetoToken' } as const;
