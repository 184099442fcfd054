import { ITEMS, LEGACY_KEYS } from '../core/storage-items';
import { moveLegacySecret, readSecret, writeSecret } from '../platform/secrets';
import { read, readKey, remove, removeKeys, write } from '../platform/store';

/**
 * Versions before 0.2 kept the token in storage.local, which content scripts can read in Firefox:
 * it moves to the secret store, bound to the instance it was used with, and leaves storage.
 */
export async function moveLegacyToken(): Promise<void> {
  const legacy = await readKey('local', LEGACY_KEYS.oktetoToken);
  if (legacy !== undefined) {
    const state = await read(ITEMS.okteto);
    if (typeof legacy === 'string' && state && !(await readSecret(state.url)))
      await writeSecret({ token: legacy, origin: state.url });
    await removeKeys('local', [LEGACY_KEYS.oktetoToken]);
  }
  await moveToInstances();
}

/**
 * Versions before 0.3 knew one instance: it becomes the first of the list, unchanged, and its token
 * moves to that instance's own key in the secret store (same token, same origin).
 */
async function moveToInstances(): Promise<void> {
  const [list, one] = await Promise.all([read(ITEMS.oktetoInstances), read(ITEMS.okteto)]);
  if (list === undefined && one) await write(ITEMS.oktetoInstances, [one]);
  if (one) await remove(ITEMS.okteto);
  await moveLegacySecret();
}
