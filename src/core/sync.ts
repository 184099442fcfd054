import * as v from 'valibot';
import { validateDomain } from './domain';
import { type Problem, problem } from './result';
import { NamespaceFromSchema, NamespaceSchema } from './schema';
import { DEFAULTS, type DomainEntry, type Preset, type Settings, type Subscription } from './settings';
import { validateSettings } from './settings-schema';
import { validateSubscriptionUrl } from './subscription';
import type { Words } from './words';

/**
 * Settings that follow the user through storage.sync, one item per entry so that two browsers
 * editing different entries never clash, and each entry resolves to its latest change.
 * Never synced: tokens, tab pins, served-by state, and managed entries (policy is per machine).
 */
interface SyncItem {
  /** The entry, or null: deleted (a tombstone, so the deletion reaches the other browsers). */
  v: unknown;
  /** When it last changed, in ms; the later change wins. */
  at: number;
}
export type SyncItems = Record<string, SyncItem>;
/** What this browser last synced, per key: the JSON of the value and its time. */
export type Shadow = Record<string, { json: string; at: number }>;

/** storage.sync limits (Chrome; Firefox's are alike). */
const SYNC_QUOTA = { bytes: 102_400, bytesPerItem: 8_192, items: 512 } as const;

const CHOICES = 'c:choices';
/** A storage.sync key of ours (any version's): sync was on in this profile once. */
export const isSyncKey = (key: string): boolean => key === CHOICES || key.startsWith('d:') || key.startsWith('p:');
const domainKey = (d: string) => `d:${d}`;
const presetKey = (p: Preset) => `p:${p.team ?? ''}:${p.namespace}`;
const subKey = (s: Subscription) => `s:${s.url}`;

export function itemsOf(settings: Settings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // The probe-cookie switch is this browser's own choice: it never travels.
  for (const { probeCookies: _own, ...d } of settings.domains) if (!d.managed) out[domainKey(d.domain)] = d;
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

/** Items dated further ahead than this are refused: a far-future date would win every later change. */
const MAX_AHEAD_MS = 24 * 60 * 60 * 1000;

/**
 * What storage.sync may hold, by key. Anything that can write the sync area (another copy of the
 * extension, a compromised profile) is untrusted: an item is taken only when its key and value
 * agree and the value passes the same rules as the user's own input (domains against the public
 * suffix list, subscription URLs like a subscribe click). Managed entries never come from sync.
 */
const SyncDomainSchema = v.strictObject({
  domain: v.string(),
  enabled: v.boolean(),
  namespace: v.optional(NamespaceSchema),
  team: v.optional(NamespaceSchema),
  namespaceFrom: v.optional(NamespaceFromSchema),
});
const SyncPresetSchema = v.strictObject({
  namespace: NamespaceSchema,
  label: v.optional(v.pipe(v.string(), v.maxLength(100))),
  team: v.optional(NamespaceSchema),
});
const SyncSubscriptionSchema = v.strictObject({ url: v.string(), team: NamespaceSchema });
const SyncChoicesSchema = v.strictObject({
  activeNamespace: v.union([v.literal(''), NamespaceSchema]),
  paused: v.boolean(),
  showPageBadge: v.boolean(),
  recent: v.pipe(v.array(NamespaceSchema), v.maxLength(10)),
});

/** Why a remote item is refused, or undefined when it may be applied (null values are deletions). */
function refuseItem(key: string, value: unknown): Problem | undefined {
  const rest = key.slice(2);
  if (key === CHOICES) return v.is(SyncChoicesSchema, value) ? undefined : problem('syncRefusedChoices');
  if (key.startsWith('d:')) {
    if (value === null) return undefined;
    if (!v.is(SyncDomainSchema, value)) return problem('syncRefusedDomain');
    if (value.domain !== rest) return problem('syncRefusedDomainKey');
    const checked = validateDomain(value.domain);
    return checked.error !== undefined
      ? checked.error
      : checked.value !== value.domain
        ? problem('syncRefusedDomainStored')
        : undefined;
  }
  if (key.startsWith('p:')) {
    if (value === null) return undefined;
    if (!v.is(SyncPresetSchema, value)) return problem('syncRefusedPreset');
    return presetKey(value) === key ? undefined : problem('syncRefusedPresetKey');
  }
  if (key.startsWith('s:')) {
    if (value === null) return undefined;
    if (!v.is(SyncSubscriptionSchema, value)) return problem('syncRefusedSubscription');
    if (value.url !== rest) return problem('syncRefusedUrlKey');
    const url = validateSubscriptionUrl(value.url);
    return url.error !== undefined ? url.error : url.value !== value.url ? problem('syncRefusedUrlStored') : undefined;
  }
  return problem('syncRefusedUnknown');
}

const isChoices = (s: Settings) =>
  s.activeNamespace === DEFAULTS.activeNamespace &&
  s.paused === DEFAULTS.paused &&
  s.showPageBadge === DEFAULTS.showPageBadge &&
  s.recent.length === 0;

export interface Incoming {
  settings: Settings;
  shadow: Shadow;
  changed: boolean;
  /** Items refused: key → why, to tell the user. */
  refused: Record<string, Problem>;
}

/**
 * Applies what other browsers wrote: each entry newer than our last change of it wins; older ones
 * are ignored (ours goes out with the next push). Entries only we have stay. An item that is
 * refused, or would make the settings invalid, is skipped, never half-applied.
 *
 * `first`: sync was just turned on, and local entries have no times to compare. Then nothing local
 * is lost: remote items only add what this browser lacks (a tombstone or another value for an
 * entry it has is ignored, and ours goes out), and remote choices apply only to a fresh browser.
 */
export function incoming(
  settings: Settings,
  shadow: Shadow,
  remote: SyncItems,
  { first = false, now = Date.now() }: { first?: boolean; now?: number } = {},
): Incoming {
  let current = settings;
  const next: Shadow = { ...shadow };
  const refused: Record<string, Problem> = {};
  let changed = false;
  const local = itemsOf(settings);
  for (const [key, item] of Object.entries(remote)) {
    if (!item || typeof item !== 'object' || typeof item.at !== 'number' || !Number.isFinite(item.at)) {
      refused[key] = problem('syncRefusedNotItem');
      continue;
    }
    if (next[key] && next[key].at >= item.at) continue;
    if (item.at > now + MAX_AHEAD_MS) {
      refused[key] = problem('syncRefusedFuture');
      continue;
    }
    const why = refuseItem(key, item.v);
    if (why !== undefined) {
      refused[key] = why;
      continue;
    }
    if (first && (key === CHOICES ? !isChoices(settings) : key in local)) continue;
    const candidate = applyItem(current, key, item.v);
    const valid = candidate && validateSettings(candidate);
    if (!valid || valid.error !== undefined) {
      refused[key] = problem('syncRefusedInvalid');
      continue;
    }
    if (JSON.stringify(valid.value) !== JSON.stringify(current)) {
      current = valid.value;
      changed = true;
    }
    // As the entry now stands here, so that the next push does not send it back unchanged.
    next[key] = { json: JSON.stringify(itemsOf(current)[key] ?? null), at: item.at };
  }
  return { settings: current, shadow: next, changed, refused };
}

function applyItem(s: Settings, key: string, value: unknown): Settings | undefined {
  if (key === CHOICES) {
    const { activeNamespace, paused, showPageBadge, recent } = value as Pick<
      Settings,
      'activeNamespace' | 'paused' | 'showPageBadge' | 'recent'
    >;
    return { ...s, activeNamespace, paused, showPageBadge, recent };
  }
  const rest = key.slice(2);
  if (key.startsWith('d:')) {
    const mine = (d: DomainEntry) => d.domain === rest && !d.managed;
    if (value === null) return { ...s, domains: s.domains.filter((d) => !mine(d)) };
    if (s.domains.some((d) => d.domain === rest && d.managed)) return s; // the policy's entry stands
    // This browser's own probe-cookie choice stays as it is.
    const own = s.domains.find(mine)?.probeCookies;
    const entry = { ...(value as DomainEntry), ...(own ? { probeCookies: own } : {}) };
    return { ...s, domains: upsert(s.domains, entry, mine) };
  }
  if (key.startsWith('p:')) {
    const mine = (p: Preset) => presetKey(p) === key && !p.managed;
    return value === null
      ? { ...s, presets: s.presets.filter((p) => !mine(p)) }
      : { ...s, presets: upsert(s.presets, value as Preset, mine) };
  }
  if (key.startsWith('s:')) {
    const mine = (x: Subscription) => x.url === rest;
    return value === null
      ? { ...s, subscriptions: s.subscriptions.filter((x) => !mine(x)) }
      : { ...s, subscriptions: upsert(s.subscriptions, value as Subscription, mine) };
  }
  return undefined;
}

/** The refused items in one sentence for the options page, or undefined when there are none. */
export function refusedMessage(words: Words, refused: Record<string, string> | undefined): string | undefined {
  const all = Object.entries(refused ?? {}).map(([key, why]) => `${key}: ${why}`);
  if (all.length === 0) return undefined;
  const some = all.slice(0, 3).join('; ') + (all.length > 3 ? '; …' : '');
  return all.length === 1 ? words('syncRefusedOne', some) : words('syncRefusedMany', String(all.length), some);
}

/** A sentence when the items would not fit storage.sync, before trying. */
export function quotaProblem(all: SyncItems): Problem | undefined {
  let total = 0;
  for (const [key, item] of Object.entries(all)) {
    const size = key.length + JSON.stringify(item).length;
    if (size > SYNC_QUOTA.bytesPerItem) return problem('syncEntryTooLarge', key.slice(2));
    total += size;
  }
  if (Object.keys(all).length > SYNC_QUOTA.items || total > SYNC_QUOTA.bytes) {
    return problem('syncTooLarge', String(Math.ceil(total / 1024)), String(Object.keys(all).length));
  }
  return undefined;
}
