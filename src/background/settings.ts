import { DEFAULTS, type Settings } from '../core/settings';
import { migrate } from '../core/settings-schema';
import { ITEMS } from '../core/storage-items';
import { read, write } from '../platform/store';

/**
 * Keeps a settings blob aside under its own key, never overwriting one kept earlier: that one
 * moves to a short list of older ones.
 */
export async function setAside(blob: unknown, reason: string): Promise<void> {
  const [current, older] = await Promise.all([read(ITEMS.settingsAside), read(ITEMS.settingsAsideOlder)]);
  await write(ITEMS.settingsAsideOlder, [...older, ...(current ? [current] : [])].slice(-4));
  await write(ITEMS.settingsAside, { blob, reason, at: Date.now() });
}

/**
 * Reads settings, migrating old schemas; only commit (inside the queue) calls it. A blob that
 * cannot be read (corrupt, or from a newer version) is kept aside, never overwritten, and the
 * user starts from defaults.
 */
export async function loadSettings(): Promise<Settings> {
  const stored = await read(ITEMS.settings);
  const migrated = migrate(stored);
  if (migrated.value !== undefined) {
    if (stored !== undefined && (stored as { schemaVersion?: unknown }).schemaVersion !== migrated.value.schemaVersion) {
      await write(ITEMS.settings, migrated.value);
    }
    return migrated.value;
  }
  await setAside(stored, migrated.error);
  const fresh = structuredClone(DEFAULTS);
  await write(ITEMS.settings, fresh);
  return fresh;
}
