import type { Reply } from '../core/messages';
import { OKTETO_LIMITS, type OktetoState, type SpaceDetail, validateInstanceUrl } from '../core/okteto';
import { ITEMS } from '../core/storage-items';
import { browser } from '../platform/browser';
import { readSecret, removeSecret, writeSecret } from '../platform/secrets';
import { read, remove, write } from '../platform/store';
import { storedSettings } from './context';
import { followDeploys } from './deploy-news';
import { fetchDetail, fetchListed, wake } from './okteto-api';

const validToken = (token: string) => /^[\x21-\x7e]{8,4096}$/.test(token.trim());

/** Connect: nothing is saved unless the instance answers with the namespaces. */
export async function connectOkteto(url: string, token: string): Promise<Reply> {
  const instance = validateInstanceUrl(url);
  if (instance.error !== undefined) return { ok: false, error: instance.error };
  if (!validToken(token))
    return { ok: false, error: 'Paste your Okteto personal access token (Settings → Personal Access Tokens in Okteto).' };
  const listed = await fetchListed(instance.value, token.trim());
  if (listed.error !== undefined) return { ok: false, error: listed.error };
  const state: OktetoState = { url: instance.value, ...listed.value, fetchedAt: Date.now() };
  await writeSecret({ token: token.trim(), origin: instance.value });
  await write(ITEMS.okteto, state);
  return { ok: true, value: state };
}

/** The token, if it may go to the instance the state names; else why not. */
async function credentials(): Promise<{ state?: OktetoState; token?: string; error?: string }> {
  const [secret, state] = await Promise.all([readSecret(), read(ITEMS.okteto)]);
  if (!secret || !state) return { state };
  if (secret.origin !== state.url) {
    return { state, error: `The saved token was issued for ${secret.origin}, not ${state.url}; it was not sent. Connect again.` };
  }
  return { state, token: secret.token };
}

/** The namespaces whose services are worth knowing: the ones in use, the asked one first. */
async function inUse(first: string[] = []): Promise<string[]> {
  const [settings, pins] = await Promise.all([storedSettings(), read(ITEMS.pins)]);
  const all = [...first, settings.activeNamespace, ...settings.domains.map((d) => d.namespace), ...Object.values(pins)];
  return [...new Set(all.filter((n): n is string => !!n))].slice(0, OKTETO_LIMITS.maxDetails);
}

/**
 * Refresh (popup open, browser start, the alarm while a divert is on): the namespaces with their
 * statuses, and what the namespaces in use run. Only queries. A failure keeps the last good answer
 * (the error is shown beside when it was taken); nothing shown is lost.
 */
export async function refreshOkteto(focus?: string[]): Promise<Reply> {
  const { state, token, error } = await credentials();
  if (!state) return { ok: true, value: state };
  if (error !== undefined || token === undefined) {
    await write(ITEMS.okteto, { ...state, error });
    return { ok: false, error: error ?? 'Not connected.' };
  }
  const listed = await fetchListed(state.url, token, state.api);
  if (listed.error !== undefined) {
    await write(ITEMS.okteto, { ...state, error: listed.error });
    return { ok: false, error: listed.error };
  }
  const { api, previews } = listed.value;
  const wanted = api.details ? (await inUse(focus)).filter((n) => listed.value.namespaces.includes(n)) : [];
  const answers = await Promise.all(wanted.map(async (n) => [n, await fetchDetail(state.url, token, n, n in previews)] as const));
  const details: Record<string, SpaceDetail> = {};
  let detailError: string | undefined;
  for (const [n, d] of answers) {
    if (d.error === undefined) details[n] = d.value;
    // An older instance that cannot say what runs is asked no more (remembered with the instance).
    else if (d.unknown) api.details = false;
    else {
      detailError ??= d.error;
      const kept = state.details?.[n];
      if (kept) details[n] = kept;
    }
  }
  const listedNow: OktetoState = { url: state.url, ...listed.value, api, details, fetchedAt: Date.now(), error: detailError };
  // What changed since the last answer: the toolbar title, and a notification when asked for.
  const next = await followDeploys(state, listedNow);
  await write(ITEMS.okteto, next);
  return detailError !== undefined ? { ok: false, error: detailError } : { ok: true, value: next };
}

/**
 * Wake a sleeping namespace: the one mutation, sent only on the user's click. Then the namespace's
 * status and services are read again, so the popup shows the new state.
 */
export async function wakeOkteto(namespace: string): Promise<Reply> {
  const { state, token, error } = await credentials();
  if (!state || token === undefined)
    return { ok: false, error: error ?? 'Connect to your Okteto instance first (options page).' };
  if (!state.namespaces.includes(namespace)) return { ok: false, error: `${namespace} is not among your Okteto namespaces.` };
  const woke = await wake(state.url, token, namespace, namespace in (state.previews ?? {}));
  if (woke.error !== undefined) return { ok: false, error: woke.error };
  const after = await refreshOkteto([namespace]);
  return after.ok ? { ok: true, value: (after.value as OktetoState).statuses?.[namespace] } : after;
}

export const OKTETO_ALARM = 'refresh-okteto';

/**
 * The refresh alarm runs while a divert is on and an instance is connected, about every 15
 * minutes, so a namespace that went to sleep or away is flagged on the toolbar on time.
 */
export async function scheduleOktetoRefresh(): Promise<void> {
  const [settings, state] = await Promise.all([storedSettings(), read(ITEMS.okteto)]);
  const diverting = !settings.paused && settings.domains.some((d) => d.enabled);
  const current = await browser.alarms.get(OKTETO_ALARM);
  if (!diverting || !state) {
    if (current) await browser.alarms.clear(OKTETO_ALARM);
    return;
  }
  if (!current) await browser.alarms.create(OKTETO_ALARM, { periodInMinutes: OKTETO_LIMITS.refreshMinutes });
}

export async function forgetOkteto(): Promise<Reply> {
  await removeSecret();
  await remove(ITEMS.okteto);
  return { ok: true };
}
