import { isNamespace } from './namespace';
import type { OktetoState } from './okteto';
import type { TabPins } from './rules';
import { DEFAULTS, SCHEMA_VERSION, type Settings } from './settings';
import { storedVersion, upgrade } from './settings-migrations';
import { ITEMS, type Item, type SharedTab } from './storage-items';
import { inForce } from './time-box';
import type { WorkerView } from './workers';

/**
 * The extension's state, read one way by everyone: the background's context, the popup, the options
 * page, the DevTools panel and the bench's blank popup read these items, and only their changes
 * (and granted permissions) change it.
 */
export const STATE_ITEMS = {
  settings: ITEMS.settings,
  okteto: ITEMS.okteto,
  oktetos: ITEMS.oktetoInstances,
  pins: ITEMS.pins,
  shared: ITEMS.shared,
  workers: ITEMS.workers,
} as const;

type ValueOf<I> = I extends Item<infer T> ? T : never;
/** What the state items hold, as storage gives them (each already its item's fallback when unreadable). */
export type StoredState = { [K in keyof typeof STATE_ITEMS]: ValueOf<(typeof STATE_ITEMS)[K]> };

export interface ExtensionState {
  /** Settings as in force now: a time box that has ended reads as paused (core/time-box.ts). */
  settings: Settings;
  /** Settings as stored (what sync sends and commands change). */
  stored: Settings;
  /** The Okteto instances (each site's comes from core/okteto-instances.ts ownerOf). */
  oktetos: OktetoState[];
  pins: TabPins;
  /** Tabs a share link opened (tab id → namespace and link). */
  shared: Record<string, SharedTab>;
  /** What the workers of each pinned page host carry (core/workers.ts). */
  workers: Record<string, WorkerView>;
  /** The origins the user granted. */
  origins: string[];
}

/** The Okteto instances' items: the list, and the one instance versions before 0.3 kept (background/legacy.ts moves it). */
export const INSTANCE_ITEMS = { okteto: STATE_ITEMS.okteto, oktetos: STATE_ITEMS.oktetos } as const;

/** The instances a profile knows: the list, or the one instance versions before 0.3 kept, until it is moved. */
export const instancesIn = ({ oktetos, okteto }: Pick<StoredState, 'okteto' | 'oktetos'>): OktetoState[] =>
  oktetos ?? (okteto ? [okteto] : []);

/** How a reader takes the stored settings blob: settings it can use, or undefined (the defaults then). */
export type SettingsCheck = (stored: unknown) => Settings | undefined;

/**
 * The pages' check: migrated as the background migrates, then a cheap look at the shape, not the
 * full schema (the popup's bundle carries no schema library). The background validates what it
 * writes, but a blob it has not read yet can be anything (one written by a newer version, say,
 * which it keeps aside at its next command): until then the pages show the defaults rather than
 * fail to render. The background reads with the full schema (core/settings-schema.ts migrate).
 */
export const settingsShape: SettingsCheck = (stored) => {
  const version = storedVersion(stored);
  if (version === undefined || version > SCHEMA_VERSION) return undefined;
  const s = upgrade(stored as Record<string, unknown>, version) as Partial<Settings>;
  const lists = [s.domains, s.presets, s.recent, s.subscriptions].every(Array.isArray);
  if (!lists || (s.paused !== undefined && typeof s.paused !== 'boolean')) return undefined;
  if (s.activeNamespace !== undefined && s.activeNamespace !== '' && !isNamespace(s.activeNamespace)) return undefined;
  // Each entry as the schema would see it, cheaply: a host name (no wildcard), a switch, a namespace or none.
  const entryOk = (e: unknown) => {
    const d = e as Partial<Settings['domains'][number]> | null;
    return (
      typeof d === 'object' &&
      d !== null &&
      typeof d.domain === 'string' &&
      HOST.test(d.domain) &&
      typeof d.enabled === 'boolean' &&
      (d.namespace === undefined || isNamespace(d.namespace))
    );
  };
  return (s.domains as unknown[]).every(entryOk) ? (s as Settings) : undefined;
};

/** A host name of two or more labels: what a stored entry is, at a glance (the schema checks the rest). */
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/**
 * The state from what storage holds, the granted origins and the clock: settings checked (the
 * defaults when nothing usable is stored) and put in force at `now`, the instances with the legacy
 * one as the list.
 */
export function stateFrom(stored: StoredState, grants: string[], now: number, check: SettingsCheck): ExtensionState {
  const settings = check(stored.settings) ?? structuredClone(DEFAULTS);
  return {
    // A box that ended while the browser was closed pauses before endTimeBox has written it.
    settings: inForce(settings, now),
    stored: settings,
    oktetos: instancesIn(stored),
    pins: stored.pins,
    shared: stored.shared,
    workers: stored.workers,
    origins: grants,
  };
}
