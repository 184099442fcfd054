import type { DomainEntry, Preset, Settings, Subscription } from './settings';
import { validateSettings } from './settings-schema';

/**
 * Settings that follow the user through storage.sync, one item per entry so that two browsers
 * editing different entries never clash, and each entry resolves to its latest change.
 * Never synced: tokens, tab pins, served-by state, and managed entries (policy is per machine).
 */
export interface SyncItem {
  /** The entry, or null: deleted (a tombstone, so the deletion reaches the other browsers). */
  v: unknown;
  /** When it last changed, in ms; the later change wins. */
  at: number;
}
export type SyncItems = Record<string, SyncItem>;
/** What this browser last synced, per key: the JSON of the value and its time. */
export type Shadow = Record<string, { json: string; at: number }>;

/** storage.sync limits (Chrome; Firefox's are alike). */
export const SYNC_QUOTA = { bytes: 102_400, bytesPerItem: 8_192, items: 512 } as const;

const CHOICES = 'c:choices';
const domainKey = (d: string) => `d:${d}`;
const presetKey = (p: Preset) => `p:${p.team ?? ''}:${p.namespace}`;
const subKey = (s: Subscription) => `s:${s.url}`;

export function itemsOf(settings: Settings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const d of settings.domains) if (!d.managed) out[domainKey(d.domain)] = d;
  for (const p of settings.presets) if (!p.managed) out[presetKey(p)] = p;
  for (const s of settings.subscriptions) out[subKey(s)] = s;
  const { activeNamespace, paused, showPageBadge, recent } = settings;
  out[CHOICES] = { activeNamespace, paused, showPageBadge, recent };
  return out;
}

/** What to write to storage.sync after a local change: changed entries and tombstones. */
export function outgoing(settings: Settings, shadow: Shadow, now: number): { set: SyncItems; shadow: Shadow } {
  const items = itemsOf(settings);
  const set: SyncItems = {};
  const next: Shadow = { ...shadow };
  for (const [key, v] of Object.entries(items)) {
    const json = JSON.stringify(v);
    if (shadow[key]?.json === json) continue;
    set[key] = { v, at: now };
    next[key] = { json, at: now };
  }
  for (const key of Object.keys(shadow)) {
    if (key in items || shadow[key].json === 'null') continue;
    set[key] = { v: null, at: now };
    next[key] = { json: 'null', at: now };
  }
  return { set, shadow: next };
}

function upsert<T>(list: T[], item: T, same: (x: T) => boolean): T[] {
  return list.some(same) ? list.map((x) => (same(x) ? item : x)) : [...list, item];
}

/**
 * Applies what other browsers wrote: each entry newer than our last change of it wins; older ones
 * are ignored (ours goes out with the next push). Entries only we have stay. An item that would
 * make the settings invalid is skipped, never half-applied.
 */
export function incoming(
  settings: Settings,
  shadow: Shadow,
  remote: SyncItems,
): { settings: Settings; shadow: Shadow; changed: boolean } {
  let current = settings;
  const next: Shadow = { ...shadow };
  let changed = false;
  for (const [key, item] of Object.entries(remote)) {
    if (!item || typeof item.at !== 'number' || (next[key] && next[key].at >= item.at)) continue;
    const candidate = applyItem(current, key, item.v);
    if (candidate === undefined) continue;
    const valid = validateSettings(candidate);
    if (valid.error !== undefined) continue;
    if (JSON.stringify(valid.value) !== JSON.stringify(current)) {
      current = valid.value;
      changed = true;
    }
    // As the entry now stands here, so that the next push does not send it back unchanged.
    next[key] = { json: JSON.stringify(itemsOf(current)[key] ?? null), at: item.at };
  }
  return { settings: current, shadow: next, changed };
}

function applyItem(s: Settings, key: string, v: unknown): Settings | undefined {
  if (key === CHOICES) return v && typeof v === 'object' ? { ...s, ...(v as Partial<Settings>) } : undefined;
  const rest = key.slice(2);
  if (key.startsWith('d:')) {
    const mine = (d: DomainEntry) => d.domain === rest && !d.managed;
    return v === null
      ? { ...s, domains: s.domains.filter((d) => !mine(d)) }
      : { ...s, domains: upsert(s.domains, v as DomainEntry, mine) };
  }
  if (key.startsWith('p:')) {
    const mine = (p: Preset) => presetKey(p) === key && !p.managed;
    return v === null
      ? { ...s, presets: s.presets.filter((p) => !mine(p)) }
      : { ...s, presets: upsert(s.presets, v as Preset, mine) };
  }
  if (key.startsWith('s:')) {
    const mine = (x: Subscription) => x.url === rest;
    return v === null
      ? { ...s, subscriptions: s.subscriptions.filter((x) => !mine(x)) }
      : { ...s, subscriptions: upsert(s.subscriptions, v as Subscription, mine) };
  }
  return undefined;
}

/** A sentence when the items would not fit storage.sync, before trying. */
export function quotaProblem(all: SyncItems): string | undefined {
  let total = 0;
  for (const [key, item] of Object.entries(all)) {
    const size = key.length + JSON.stringify(item).length;
    if (size > SYNC_QUOTA.bytesPerItem) return `The entry ${key.slice(2)} is larger than sync allows (8 KB per entry).`;
    total += size;
  }
  if (Object.keys(all).length > SYNC_QUOTA.items || total > SYNC_QUOTA.bytes) {
    return `Your settings (${Math.ceil(total / 1024)} KB, ${Object.keys(all).length} entries) are more than browser sync holds (100 KB, 512 entries). Remove some domains or presets, or turn sync off. Nothing was removed here.`;
  }
  return undefined;
}
