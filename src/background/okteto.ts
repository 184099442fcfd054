import type { Reply } from '../core/messages';
import { OKTETO_LIMITS, type OktetoState, readSpaces, SPACES_QUERY, validateInstanceUrl } from '../core/okteto';
import { ITEMS, LEGACY_KEYS } from '../core/storage-items';
import { fetchBounded } from '../platform/fetch';
import { readSecret, removeSecret, writeSecret } from '../platform/secrets';
import { read, readKey, remove, removeKeys, write } from '../platform/store';

/**
 * POST <instance>/graphql with the user's token: the only place the token goes. The token is
 * sent only to the origin it was stored for: a caller passing another instance gets a refusal.
 */
async function fetchNamespaces(instance: string, token: string) {
  const res = await fetchBounded(`${instance}/graphql`, {
    method: 'POST',
    body: JSON.stringify({ query: SPACES_QUERY }),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    timeoutMs: OKTETO_LIMITS.timeoutMs,
    maxBytes: OKTETO_LIMITS.maxBytes,
  });
  if ('error' in res) {
    return {
      error:
        res.kind === 'timeout'
          ? `${instance} did not answer within ${OKTETO_LIMITS.timeoutMs / 1000} s. Try again, or check the URL.`
          : `Cannot reach ${instance} (${res.error}). Check the URL and your connection (VPN?).`,
    };
  }
  return readSpaces(instance, res.status, res.headers.get('content-type'), res.text);
}

const validToken = (token: string) => /^[\x21-\x7e]{8,4096}$/.test(token.trim());

/** Connect: nothing is saved unless the instance answers with the namespaces. */
export async function connectOkteto(url: string, token: string): Promise<Reply> {
  const instance = validateInstanceUrl(url);
  if (instance.error !== undefined) return { ok: false, error: instance.error };
  if (!validToken(token))
    return { ok: false, error: 'Paste your Okteto personal access token (Settings → Personal Access Tokens in Okteto).' };
  const names = await fetchNamespaces(instance.value, token.trim());
  if (names.error !== undefined) return { ok: false, error: names.error };
  const state: OktetoState = { url: instance.value, namespaces: names.value, fetchedAt: Date.now() };
  await writeSecret({ token: token.trim(), origin: instance.value });
  await write(ITEMS.okteto, state);
  return { ok: true, value: state };
}

/** Refresh (popup open, or on demand): the last list stays until a new one comes; errors are kept to show. */
export async function refreshOkteto(): Promise<Reply> {
  const [secret, state] = await Promise.all([readSecret(), read(ITEMS.okteto)]);
  if (!secret || !state) return { ok: true, value: state };
  const names =
    secret.origin === state.url
      ? await fetchNamespaces(state.url, secret.token)
      : {
          error: `The saved token was issued for ${secret.origin}, not ${state.url}; it was not sent. Connect again.`,
          value: undefined,
        };
  const next: OktetoState =
    names.error !== undefined
      ? { ...state, error: names.error }
      : { url: state.url, namespaces: names.value, fetchedAt: Date.now() };
  await write(ITEMS.okteto, next);
  return names.error !== undefined ? { ok: false, error: names.error } : { ok: true, value: next };
}

export async function forgetOkteto(): Promise<Reply> {
  await removeSecret();
  await remove(ITEMS.okteto);
  return { ok: true };
}

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
