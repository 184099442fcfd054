import { SCHEMA_VERSION } from './settings';

/**
 * The steps from each old settings schema to the next: pure, no schema library, so the pages (whose
 * bundles stay small) migrate an old blob the way the background does. Validation is
 * core/settings-schema.ts's.
 */
type Migration = (old: Record<string, unknown>) => Record<string, unknown>;
/** MIGRATIONS[n] turns schema n into n + 1. Pure; each is tested with a fixture of its version. */
const MIGRATIONS: Record<number, Migration> = {
  /** 1 → 2: preset subscriptions arrive. */
  1: (old) => ({ ...old, subscriptions: [] }),
};

/** The schema version a stored blob says it has: an integer from 1, or undefined (not an object, or no version). */
export function storedVersion(stored: unknown): number | undefined {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return undefined;
  const version = (stored as { schemaVersion?: unknown }).schemaVersion;
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : undefined;
}

/** A blob of schema `version` (at most SCHEMA_VERSION) brought up to SCHEMA_VERSION, unvalidated. */
export function upgrade(stored: Record<string, unknown>, version: number): Record<string, unknown> {
  let current = stored;
  for (let n = version; n < SCHEMA_VERSION; n++) current = { ...MIGRATIONS[n](current), schemaVersion: n + 1 };
  return current;
}
