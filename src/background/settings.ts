import { DEFAULTS, type Settings } from '../core/settings';
import { migrate, repairSettings } from '../core/settings-schema';
import { ITEMS } from '../core/storage-items';
import { said, words } from '../platform/i18n';
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
 * Reads settings, migrating old schemas; only commit (inside the queue) calls it. A blob with
 * entries this version cannot read is repaired: only those entries go, the rest is kept, and the
 * whole original is kept aside, never overwritten. One that cannot be repaired (corrupt, or from a
 * newer version) is kept aside the same way, and the user starts from defaults.
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
  const repaired = repairSettings(stored);
  const kept = repaired ? words('settingsRepaired', said(migrated.error), repaired.setAside.join(', ')) : said(migrated.error);
  await setAside(stored, kept);
  const next = repaired?.value ?? structuredClone(DEFAULTS);
  await write(ITEMS.settings, next);
  return next;
}
