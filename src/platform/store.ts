import { type Item, requestLogTab } from '../core/storage-items';
import type { SyncItems } from '../core/sync';
import { browser } from './browser';

/** Reads one item of the storage table; missing or unreadable values read as the item's fallback. */
export async function read<T>(item: Item<T>): Promise<T> {
  const raw = (await browser.storage[item.area].get(item.key))[item.key];
  return raw === undefined || !item.valid(raw) ? structuredClone(item.fallback) : (raw as T);
}

/** Several items of one area in one call (the popup reads its state before the first paint). */
export async function readAll<T extends Record<string, Item<unknown>>>(
  items: T,
): Promise<{ [K in keyof T]: T[K] extends Item<infer V> ? V : never }> {
  const entries = Object.entries(items);
  const areas = [...new Set(entries.map(([, i]) => i.area))];
  const got = Object.assign(
    {},
    ...(await Promise.all(
      areas.map((a) => browser.storage[a].get(entries.filter(([, i]) => i.area === a).map(([, i]) => i.key))),
    )),
  ) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, i] of entries) {
    const raw = got[i.key];
    out[name] = raw === undefined || !i.valid(raw) ? structuredClone(i.fallback) : raw;
  }
  return out as { [K in keyof T]: T[K] extends Item<infer V> ? V : never };
}

/** Every key an area holds (items keyed per tab, read back whole after a wake), unchecked. */
export const readArea = async (area: Item<unknown>['area']): Promise<Record<string, unknown>> => browser.storage[area].get(null);

/**
 * storage.session is one room shared with the request logs (diagnostics). A state write there
 * (a pin, a share question, served-by) never fails because of them: refused, it drops every
 * stored log and tries once more. A log's own write just fails (background/request-log.ts cuts it).
 */
export async function write<T>(item: Item<T>, value: T): Promise<void> {
  const area = browser.storage[item.area];
  try {
    await area.set({ [item.key]: value });
  } catch (e) {
    if (item.area !== 'session' || requestLogTab(item.key) !== undefined) throw e;
    const logs = Object.keys(await area.get(null)).filter((key) => requestLogTab(key) !== undefined);
    if (logs.length === 0) throw e;
    await area.remove(logs);
    await area.set({ [item.key]: value });
  }
}

export async function remove(...items: Item<unknown>[]): Promise<void> {
  for (const area of new Set(items.map((i) => i.area))) {
    await browser.storage[area].remove(items.filter((i) => i.area === area).map((i) => i.key));
  }
}

/** Several items of one area written in one call: the area goes from one whole state to the next. */
export async function writeEach<T>(area: Item<T>['area'], entries: [Item<T>, T][]): Promise<void> {
  if (entries.length > 0) await browser.storage[area].set(Object.fromEntries(entries.map(([i, v]) => [i.key, v])));
}

/** Removes keys that are not (or no longer) in the table, e.g. what an older version stored. */
export async function removeKeys(area: 'local', keys: string[]): Promise<void> {
  await browser.storage[area].remove(keys);
}

export async function readKey(area: 'local', key: string): Promise<unknown> {
  return (await browser.storage[area].get(key))[key];
}

/** True when a storage.onChanged event (its changes and area) touches one of `items`. */
export const touches = (changes: Record<string, unknown>, area: string, items: readonly Item<unknown>[]): boolean =>
  items.some((i) => i.area === area && i.key in changes);

/** Calls `listener` whenever one of `items` changes; returns the function that stops it. */
export function watch(items: Item<unknown>[], listener: () => void): () => void {
  const wrapped = (changes: Record<string, unknown>, area: string) => {
    if (touches(changes, area, items)) listener();
  };
  browser.storage.onChanged.addListener(wrapped);
  return () => browser.storage.onChanged.removeListener(wrapped);
}

/**
 * Chrome: storage.local and storage.sync are closed to content scripts (the page badge), so code in
 * a page's world can never read settings. Firefox has no such switch (bug 1724754): there the
 * token lives outside storage (platform/secrets.ts) and the badge reads nothing from storage.
 */
export async function restrictToTrustedContexts(): Promise<boolean> {
  type Restrictable = { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> };
  const areas = [browser.storage.local, browser.storage.sync] as unknown as Restrictable[];
  if (!areas.every((a) => typeof a.setAccessLevel === 'function')) return false;
  await Promise.all(areas.map((a) => a.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })));
  return true;
}

/** What enterprise policy set: read only; an unmanaged browser has none (and may throw). */
export async function readManaged(): Promise<{ presets?: unknown; oktetoInstanceUrl?: unknown }> {
  try {
    return (await browser.storage.managed.get()) as { presets?: unknown; oktetoInstanceUrl?: unknown };
  } catch {
    return {};
  }
}

/** storage.sync: one item per entry, keys made by core/sync.ts; everything read from it is untrusted. */
export const syncArea = {
  getAll: async () => (await browser.storage.sync.get(null)) as SyncItems,
  set: (items: SyncItems) => browser.storage.sync.set(items),
};
