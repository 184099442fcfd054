import type { Settings } from '../core/settings';
import { choseHere, ownNames } from '../core/share-link';
import { ITEMS } from '../core/storage-items';
import { read, write } from '../platform/store';

/**
 * What a profile from before the list chose here: with sync never on, everything in its own
 * settings; with sync on, nothing can be told apart, so every name asks once.
 */
const seed = async (settings: Settings): Promise<string[]> =>
  (await read(ITEMS.syncState)).enabled ? [] : [...ownNames(settings)];

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
