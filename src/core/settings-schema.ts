import * as v from 'valibot';
import { fail, type Result } from './result';
import { NamespaceFromSchema, NamespaceSchema, parseWith, StoredDomainSchema } from './schema';
import { DEFAULTS, SCHEMA_VERSION, type Settings } from './settings';

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
  const parsed = parseWith(SettingsSchema, input, 'Settings');
  if (parsed.error !== undefined) return parsed;
  const seen = new Set<string>();
  for (const [i, entry] of parsed.value.domains.entries()) {
    if (seen.has(entry.domain)) return fail(`Settings: domains[${i}].domain "${entry.domain}" is listed twice.`);
    seen.add(entry.domain);
  }
  return parsed;
}

type Migration = (old: Record<string, unknown>) => Record<string, unknown>;
/** MIGRATIONS[n] turns schema n into n + 1. Pure; each is tested with a fixture of its version. */
const MIGRATIONS: Record<number, Migration> = {
  /** 1 → 2: preset subscriptions arrive. */
  1: (old) => ({ ...old, subscriptions: [] }),
};

/** Brings stored settings up to SCHEMA_VERSION, then validates them. Nothing stored → DEFAULTS. */
export function migrate(stored: unknown): Result<Settings> {
  if (stored === undefined || stored === null) return { value: structuredClone(DEFAULTS) };
  if (typeof stored !== 'object' || Array.isArray(stored)) return fail('Stored settings are not an object.');
  let current = stored as Record<string, unknown>;
  const version = current.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('Stored settings have no schema version.');
  }
  if (version > SCHEMA_VERSION) {
    return fail(
      `Stored settings come from a newer Divert Switch (schema ${version}); this version reads up to ${SCHEMA_VERSION}.`,
    );
  }
  for (let n = version; n < SCHEMA_VERSION; n++) current = { ...MIGRATIONS[n](current), schemaVersion: n + 1 };
  return validateSettings(current);
}
