import type { OktetoState } from '../core/okteto';
import type { TabPins } from '../core/rules';
import type { TabServed } from '../core/served';
import type { Settings } from '../core/settings';
import type { SubscriptionStatus } from '../core/subscription';
import type { Shadow, SyncItems } from '../core/sync';
import { browser } from './browser';

/** storage.local keys. The background is the only writer of both. */
export const KEYS = {
  settings: 'settings',
  /** A stored settings blob that could not be read, kept aside instead of overwritten. */
  settingsAside: 'settingsAside',
} as const;
/** storage.session: tab pins end with the browser session. */
export const PINS_KEY = 'pins';

export async function readStoredSettings(): Promise<unknown> {
  return (await browser.storage.local.get(KEYS.settings))[KEYS.settings];
}

export async function writeSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [KEYS.settings]: settings });
}

const OLDER_ASIDE = 'settingsAsideOlder';

/** Keeps an unreadable blob aside; one kept aside earlier moves to a short list, never overwritten. */
export async function setAside(blob: unknown, reason: string): Promise<void> {
  const got = await browser.storage.local.get([KEYS.settingsAside, OLDER_ASIDE]);
  const older = [
    ...((got[OLDER_ASIDE] as unknown[] | undefined) ?? []),
    ...(got[KEYS.settingsAside] ? [got[KEYS.settingsAside]] : []),
  ];
  await browser.storage.local.set({ [KEYS.settingsAside]: { blob, reason, at: Date.now() }, [OLDER_ASIDE]: older.slice(-4) });
}

export async function readAside(): Promise<unknown> {
  return (await browser.storage.local.get(KEYS.settingsAside))[KEYS.settingsAside];
}

export async function removeAside(): Promise<void> {
  await browser.storage.local.remove(KEYS.settingsAside);
}

export async function readPins(): Promise<TabPins> {
  return ((await browser.storage.session.get(PINS_KEY))[PINS_KEY] as TabPins | undefined) ?? {};
}

export async function writePins(pins: TabPins): Promise<void> {
  await browser.storage.session.set({ [PINS_KEY]: pins });
}

/** What enterprise policy set: read only; an unmanaged browser has none (and may throw). */
export async function readManaged(): Promise<{ presets?: unknown; oktetoInstanceUrl?: unknown }> {
  try {
    return (await browser.storage.managed.get()) as { presets?: unknown; oktetoInstanceUrl?: unknown };
  } catch {
    return {};
  }
}

export interface ManagedStatus {
  teams: string[];
  errors: string[];
  oktetoInstanceUrl?: string;
}
export const MANAGED_STATUS = 'managedStatus';

export async function writeManagedStatus(status: ManagedStatus): Promise<void> {
  await browser.storage.local.set({ [MANAGED_STATUS]: status });
}

export async function readManagedStatus(): Promise<ManagedStatus | undefined> {
  return (await browser.storage.local.get(MANAGED_STATUS))[MANAGED_STATUS] as ManagedStatus | undefined;
}

/** The Okteto token: storage.local only, never in settings, so never exported or synced. */
const OKTETO_TOKEN = 'oktetoToken';
export const OKTETO_STATE = 'okteto';

export async function readOkteto(): Promise<{ token?: string; state?: OktetoState }> {
  const got = await browser.storage.local.get([OKTETO_TOKEN, OKTETO_STATE]);
  return { token: got[OKTETO_TOKEN] as string | undefined, state: got[OKTETO_STATE] as OktetoState | undefined };
}

export async function writeOkteto(state: OktetoState, token?: string): Promise<void> {
  await browser.storage.local.set(
    token === undefined ? { [OKTETO_STATE]: state } : { [OKTETO_STATE]: state, [OKTETO_TOKEN]: token },
  );
}

export async function forgetOktetoStorage(): Promise<void> {
  await browser.storage.local.remove([OKTETO_TOKEN, OKTETO_STATE]);
}

export async function readOktetoState(): Promise<OktetoState | undefined> {
  return (await browser.storage.local.get(OKTETO_STATE))[OKTETO_STATE] as OktetoState | undefined;
}

/** This browser's side of sync: whether it is on, what it last synced, and the last problem. */
export interface SyncState {
  enabled: boolean;
  shadow: Shadow;
  lastSync?: number;
  error?: string;
}
export const SYNC_STATE = 'syncState';

export async function readSyncState(): Promise<SyncState> {
  return ((await browser.storage.local.get(SYNC_STATE))[SYNC_STATE] as SyncState | undefined) ?? { enabled: false, shadow: {} };
}

export async function writeSyncState(state: SyncState): Promise<void> {
  await browser.storage.local.set({ [SYNC_STATE]: state });
}

export const syncArea = {
  getAll: async () => (await browser.storage.sync.get(null)) as SyncItems,
  set: (items: SyncItems) => browser.storage.sync.set(items),
};

const SUBSCRIPTION_STATUS = 'subscriptionStatus';

export async function readSubscriptionStatus(): Promise<Record<string, SubscriptionStatus>> {
  return (
    ((await browser.storage.local.get(SUBSCRIPTION_STATUS))[SUBSCRIPTION_STATUS] as
      | Record<string, SubscriptionStatus>
      | undefined) ?? {}
  );
}

export async function writeSubscriptionStatus(all: Record<string, SubscriptionStatus>): Promise<void> {
  await browser.storage.local.set({ [SUBSCRIPTION_STATUS]: all });
}

const servedKey = (tabId: number) => `served:${tabId}`;

/** What the background learned about a tab's page (storage.session: it ends with the session). */
export async function readTabServed(tabId: number): Promise<TabServed | undefined> {
  return (await browser.storage.session.get(servedKey(tabId)))[servedKey(tabId)] as TabServed | undefined;
}

export async function writeTabServed(tabId: number, state: TabServed): Promise<void> {
  await browser.storage.session.set({ [servedKey(tabId)]: state });
}

export async function removeTabServed(tabId: number): Promise<void> {
  await browser.storage.session.remove(servedKey(tabId));
}

export function onStorageChange(listener: (area: string, keys: string[]) => void): () => void {
  const wrapped = (changes: Record<string, unknown>, area: string) => listener(area, Object.keys(changes));
  browser.storage.onChanged.addListener(wrapped);
  return () => browser.storage.onChanged.removeListener(wrapped);
}
