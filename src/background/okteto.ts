import type { Reply } from '../core/messages';
import { OKTETO_LIMITS, type OktetoState, readSpaces, SPACES_QUERY, validateInstanceUrl } from '../core/okteto';
import { fetchBounded } from '../platform/fetch';
import { forgetOktetoStorage, readOkteto, writeOkteto } from '../platform/store';

/** POST <instance>/graphql { spaces { id owner } } with the user's token: the only place the token goes. */
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
      error: /within/.test(res.error)
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
  await writeOkteto(state, token.trim());
  return { ok: true, value: state };
}

/** Refresh (popup open, or on demand): the last list stays until a new one comes; errors are kept to show. */
export async function refreshOkteto(): Promise<Reply> {
  const { token, state } = await readOkteto();
  if (!token || !state) return { ok: true, value: state };
  const names = await fetchNamespaces(state.url, token);
  const next: OktetoState =
    names.error !== undefined
      ? { ...state, error: names.error }
      : { url: state.url, namespaces: names.value, fetchedAt: Date.now() };
  await writeOkteto(next);
  return names.error !== undefined ? { ok: false, error: names.error } : { ok: true, value: next };
}

export async function forgetOkteto(): Promise<Reply> {
  await forgetOktetoStorage();
  return { ok: true };
}
