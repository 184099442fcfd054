import * as v from 'valibot';
import { fail, type Result } from './result';
import { NamespaceFromSchema, NamespaceSchema, parseWith, StoredDomainSchema } from './schema';
import { DEFAULTS, SCHEMA_VERSION, type Settings } from './settings';
import { storedVersion, upgrade } from './settings-migrations';

const DomainEntrySchema = v.object({
  domain: StoredDomainSchema,
  enabled: v.boolean(),
  namespace: v.optional(NamespaceSchema),
  team: v.optional(NamespaceSchema),
  managed: v.optional(v.boolean()),
  namespaceFrom: v.optional(NamespaceFromSchema),
  probeCookies: v.optional(v.literal(true)),
});

const PresetSchema = v.object({
  namespace: NamespaceSchema,
  label: v.optional(v.pipe(v.string(), v.maxLength(100))),
  team: v.optional(NamespaceSchema),
  managed: v.optional(v.boolean()),
});

const SettingsSchema = v.object({
  schemaVersion: v.literal(SCHEMA_VERSION),
  domains: v.pipe(v.array(DomainEntrySchema), v.maxLength(2000)),
  presets: v.pipe(v.array(PresetSchema), v.maxLength(2000)),
  activeNamespace: v.union([v.literal(''), NamespaceSchema]),
  paused: v.boolean(),
  showPageBadge: v.boolean(),
  keepPageBaggage: v.optional(v.boolean()),
  reloadAfterChange: v.optional(v.boolean()),
  notifyChanges: v.optional(v.boolean()),
  bypassWorkerInPinnedTabs: v.optional(v.boolean()),
  divertUntil: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  recent: v.pipe(v.array(NamespaceSchema), v.maxLength(10)),
  subscriptions: v.pipe(
    v.array(v.object({ url: v.pipe(v.string(), v.url(), v.maxLength(2000)), team: NamespaceSchema })),
    v.maxLength(20),
  ),
});

// The schema and the hand-written types must agree both ways (checked by the compiler only).
type Parsed = v.InferOutput<typeof SettingsSchema>;
type Assert<T extends true> = T;
/** @public the compiler's check; nothing imports it */
export type SchemaMatchesTypes = [Assert<Parsed extends Settings ? true : false>, Assert<Settings extends Parsed ? true : false>];

export function validateSettings(input: unknown): Result<Settings> {
  const parsed = parseWith(SettingsSchema, input, 'whatSettings');
  if (parsed.error !== undefined) return parsed;
  const seen = new Set<string>();
  for (const [i, entry] of parsed.value.domains.entries()) {
    if (seen.has(entry.domain)) return fail('settingsDomainTwice', String(i), entry.domain);
    seen.add(entry.domain);
  }
  return parsed;
}

/** Brings stored settings up to SCHEMA_VERSION, then validates them. Nothing stored → DEFAULTS. */
export function migrate(stored: unknown): Result<Settings> {
  if (stored === undefined || stored === null) return { value: structuredClone(DEFAULTS) };
  if (typeof stored !== 'object' || Array.isArray(stored)) return fail('settingsNotObject');
  const version = storedVersion(stored);
  if (version === undefined) return fail('settingsNoVersion');
  if (version > SCHEMA_VERSION) return fail('settingsNewer', String(version), String(SCHEMA_VERSION));
  return validateSettings(upgrade(stored as Record<string, unknown>, version));
}

const LISTS = ['domains', 'presets', 'recent', 'subscriptions'] as const;
type ListKey = (typeof LISTS)[number];
const ITEM_SCHEMAS: Record<ListKey, v.GenericSchema> = {
  domains: DomainEntrySchema,
  presets: PresetSchema,
  recent: NamespaceSchema,
  subscriptions: SettingsSchema.entries.subscriptions.pipe[0].item,
};
const LIMITS: Record<ListKey, number> = { domains: 2000, presets: 2000, recent: 10, subscriptions: 20 };

/**
 * Repair, don't reset: stored settings of a version this one reads, with some entries it cannot
 * read (one bad domain, a switch that is not a boolean), keep everything else. Each bad list item
 * goes (a domain listed twice keeps its first entry), each bad field takes its default, and what
 * was set aside is named (`domains[3]`, `paused`). Undefined when there is nothing to repair from
 * (not an object, no or a newer schema version: the whole blob is kept aside then).
 */
export function repairSettings(stored: unknown): { value: Settings; setAside: string[] } | undefined {
  const version = storedVersion(stored);
  if (version === undefined || version > SCHEMA_VERSION) return undefined;
  const current = upgrade(stored as Record<string, unknown>, version);
  const setAside: string[] = [];
  const out: Record<string, unknown> = { schemaVersion: SCHEMA_VERSION };
  const defaults = DEFAULTS as unknown as Record<string, unknown>;
  for (const [key, schema] of Object.entries(SettingsSchema.entries)) {
    if (key === 'schemaVersion') continue;
    const value = current[key];
    if ((LISTS as readonly string[]).includes(key)) {
      const list = key as ListKey;
      if (!Array.isArray(value)) {
        setAside.push(key);
        out[key] = structuredClone(defaults[key]);
        continue;
      }
      const seen = new Set<string>();
      out[key] = value.filter((item, i) => {
        const ok = v.safeParse(ITEM_SCHEMAS[list], item).success && i < LIMITS[list];
        const domain = list === 'domains' && ok ? (item as { domain: string }).domain : undefined;
        const twice = domain !== undefined && seen.has(domain);
        if (domain !== undefined) seen.add(domain);
        if (!ok || twice) setAside.push(`${key}[${i}]`);
        return ok && !twice;
      });
      continue;
    }
    if (v.safeParse(schema, value).success) {
      if (value !== undefined) out[key] = value;
    } else {
      setAside.push(key);
      if (defaults[key] !== undefined) out[key] = structuredClone(defaults[key]);
    }
  }
  const repaired = validateSettings(out);
  return repaired.value ? { value: repaired.value, setAside } : undefined;
}
