import type { Settings } from '../core/settings';
import { choseHere, ownNames } from '../core/share-link';
import { ITEMS } from '../core/storage-items';
import { isSyncKey } from '../core/sync';
import { words } from '../platform/i18n';
import { read, syncArea, write } from '../platform/store';

/**
 * What a profile from before the list chose here: with sync never on, everything in its own
 * settings; with sync on now or once, nothing can be told apart, so every name asks once. Turning
 * sync off forgets its state, but leaves traces: the settings kept aside "before sync", our items
 * in storage.sync.
 */
async function seed(settings: Settings): Promise<string[]> {
  const [state, aside, older, synced] = await Promise.all([
    read(ITEMS.syncState),
    read(ITEMS.settingsAside),
    read(ITEMS.settingsAsideOlder),
    syncArea.getAll().catch(() => ({})),
  ]);
  const before = words('keptBeforeSync');
  const syncedOnce = state.enabled || [aside, ...older].some((a) => a?.reason === before) || Object.keys(synced).some(isSyncKey);
  return syncedOnce ? [] : [...ownNames(settings)];
}

/** The namespaces the user chose on this machine (core/share-link.ts): what makes a share link apply by itself. */
export async function chosenHere(settings: Settings): Promise<string[]> {
  return (await read(ITEMS.chosenHere)) ?? seed(settings);
}

/** After a command made here (inside commit): the names it added are chosen here. */
export async function recordChosenHere(before: Settings, after: Settings): Promise<void> {
  const recorded = await read(ITEMS.chosenHere);
  const next = choseHere(before, after, recorded ?? (await seed(before)));
  if (JSON.stringify(next) !== JSON.stringify(recorded)) await write(ITEMS.chosenHere, next);
}
