import { DEFAULTS, type Settings } from '../core/settings';
import { migrate } from '../core/settings-schema';
import { readStoredSettings, setAside, writeSettings } from '../platform/store';

/** Settings for a question that changes nothing: never writes (migration and repair are the queue's). */
export async function peekSettings(): Promise<Settings> {
  return migrate(await readStoredSettings()).value ?? structuredClone(DEFAULTS);
}

/**
 * Reads settings, migrating old schemas. A blob that cannot be read (corrupt, or from a newer
 * version) is kept aside under its own key, never overwritten, and the user starts from defaults.
 */
export async function loadSettings(): Promise<Settings> {
  const stored = await readStoredSettings();
  const migrated = migrate(stored);
  if (migrated.value !== undefined) {
    if (stored !== undefined && (stored as { schemaVersion?: unknown }).schemaVersion !== migrated.value.schemaVersion) {
      await writeSettings(migrated.value);
    }
    return migrated.value;
  }
  await setAside(stored, migrated.error);
  const fresh = structuredClone(DEFAULTS);
  await writeSettings(fresh);
  return fresh;
}
