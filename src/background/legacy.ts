import { ITEMS, LEGACY_KEYS } from '../core/storage-items';
import { readSecret, writeSecret } from '../platform/secrets';
import { read, readKey, removeKeys } from '../platform/store';

/**
 * Versions before 0.2 kept the token in storage.local, which content scripts can read in Firefox:
 * it moves to the secret store, bound to the instance it was used with, and leaves storage.
 */
export async function moveLegacyToken(): Promise<void> {
  const legacy = await readKey('local', LEGACY_KEYS.oktetoToken);
  if (legacy === undefined) return;
  const state = await read(ITEMS.okteto);
  if (typeof legacy === 'string' && state && !(await readSecret())) await writeSecret({ token: legacy, origin: state.url });
  await removeKeys('local', [LEGACY_KEYS.oktetoToken]);
}
