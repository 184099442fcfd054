import { validateDomain } from '../core/domain';
import type { Reply } from '../core/messages';
import { namespacesInUse } from '../core/namespaces-in-use';
import { OKTETO_LIMITS, type OktetoState, type SpaceDetail } from '../core/okteto';
import { validateInstanceUrl } from '../core/okteto-connect';
import { endpointDomains, endpointHosts, instanceListing, ownedDomains } from '../core/okteto-instances';
import { ITEMS } from '../core/storage-items';
import { browser } from '../platform/browser';
import { said, words } from '../platform/i18n';
import { ensurePublicSuffixList } from '../platform/psl';
import { readSecret, removeSecret, writeSecret } from '../platform/secrets';
import { read, write } from '../platform/store';
import { type ContextCache, readInstances } from './context';
import type { DeployNews } from './deploy-news';
import { fetchDetail, fetchListed, wake } from './okteto-api';
import { serial } from './serial';

const validToken = (token: string) => /^[\x21-\x7e]{8,4096}$/.test(token.trim());

export const OKTETO_ALARM = 'refresh-okteto';

type Deps = Pick<ContextCache, 'storedSettings'> & Pick<DeployNews, 'followDeploys'>;
/** The Okteto instances: connected, refreshed, woken, forgotten. */
export function createOkteto({ followDeploys, storedSettings }: Deps) {
  /** The list is read, changed and written in one turn: refreshes of two instances lose nothing. */
  const turns = serial<string>();

  const change = (fn: (list: OktetoState[]) => OktetoState[]) =>
    turns('instances', async () => write(ITEMS.oktetoInstances, fn(await readInstances())));

  const put = (state: OktetoState) =>
    change((list) =>
      list.some((i) => i.url === state.url) ? list.map((i) => (i.url === state.url ? state : i)) : [...list, state],
    );

  /** Connect (or reconnect) one instance: nothing is saved unless it answers with the namespaces. */
  async function connectOkteto(url: string, token: string): Promise<Reply> {
    const instance = validateInstanceUrl(url);
    if (instance.error !== undefined) return { ok: false, error: said(instance.error) };
    if (!validToken(token)) return { ok: false, error: words('oktetoPasteToken') };
    const listed = await fetchListed(instance.value, token.trim());
    if (listed.error !== undefined) return { ok: false, error: said(listed.error) };
    const before = (await readInstances()).find((i) => i.url === instance.value);
    await writeSecret({ token: token.trim(), origin: instance.value });
    await put({ ...before, url: instance.value, ...listed.value, fetchedAt: Date.now(), error: undefined });
    // What it runs, so its sites are recognised as its own (the owner guess reads the endpoints).
    const refreshed = await refreshInstance(instance.value, await inUse());
    return { ok: true, value: refreshed.ok ? refreshed.value : (await readInstances()).find((i) => i.url === instance.value) };
  }

  /** The namespaces whose services are worth knowing: the ones chosen here, the asked ones first. */
  async function inUse(asked: string[] = []): Promise<string[]> {
    const [settings, pins] = await Promise.all([storedSettings(), read(ITEMS.pins)]);
    return namespacesInUse(settings, pins, 'chosen', asked).slice(0, OKTETO_LIMITS.maxDetails);
  }

  /**
   * Refresh (popup open, browser start, the alarm while a divert is on): every instance's namespaces
   * with their statuses, and what the namespaces in use run, each instance asked with its own token
   * only. Only queries. A failure keeps the last good answer (the error is shown beside when it was
   * taken); nothing shown is lost.
   */
  async function refreshOkteto(focus?: string[]): Promise<Reply> {
    // What is in use is read once, for every instance.
    const wanted = await inUse(focus);
    const replies = await Promise.all((await readInstances()).map((i) => refreshInstance(i.url, wanted)));
    const failed = replies.find((r) => !r.ok);
    return failed ?? { ok: true, value: await readInstances() };
  }

  /** One instance's refresh; `inUseNow`: the namespaces in use (inUse), whose services to read. */
  async function refreshInstance(url: string, inUseNow: string[]): Promise<Reply<OktetoState>> {
    const state = (await readInstances()).find((i) => i.url === url);
    if (!state) return { ok: false, error: words('oktetoNotConnected', url) };
    // Bound to its origin: a token stored for another instance is never read for this one.
    const token = (await readSecret(state.url))?.token;
    const failed = async (error: string): Promise<Reply<OktetoState>> => {
      await put({ ...state, error });
      return { ok: false, error };
    };
    if (token === undefined) return failed(words('oktetoNoToken', state.url));
    const listed = await fetchListed(state.url, token, state.api);
    if (listed.error !== undefined) return failed(said(listed.error));
    const { api, previews, namespaces } = listed.value;
    const used = inUseNow.filter((n) => namespaces.includes(n));
    // One namespace more when none is in use here: its endpoints tell which sites this instance serves.
    const wanted = !api.details ? [] : used.length > 0 ? used : namespaces.slice(0, 1);
    const answers = await Promise.all(
      wanted.map(async (n) => [n, await fetchDetail(state.url, token, n, n in previews)] as const),
    );
    const details: Record<string, SpaceDetail> = {};
    let detailError: string | undefined;
    for (const [n, d] of answers) {
      if (d.error === undefined) details[n] = d.value;
      // An older instance that cannot say what runs is asked no more (remembered with the instance).
      else if (d.unknown) api.details = false;
      else {
        detailError ??= said(d.error);
        const kept = state.details?.[n];
        if (kept) details[n] = kept;
      }
    }
    const now: OktetoState = { ...state, ...listed.value, api, details, fetchedAt: Date.now(), error: detailError };
    // Where its sites live, from this answer's endpoints alone (core/okteto-instances.ts ownedDomains).
    await ensurePublicSuffixList();
    const valid = (d: string) => validateDomain(d).error === undefined;
    now.owns = ownedDomains(now, await readInstances(), endpointDomains(now).filter(valid), endpointHosts(now).filter(valid))
      .sort()
      .slice(0, 20);
    // What changed since the last answer: the toolbar title, and a notification when asked for.
    const next = await followDeploys(state, now);
    await put(next);
    return detailError !== undefined ? { ok: false, error: detailError } : { ok: true, value: next };
  }

  /**
   * Wake a sleeping namespace: the one mutation, sent only on the user's click, to the instance that
   * lists it. Then the namespace's status and services are read again, so the popup shows them.
   */
  async function wakeOkteto(namespace: string, url?: string): Promise<Reply> {
    const list = await readInstances();
    const state = url ? list.find((i) => i.url === url) : instanceListing(list, namespace);
    if (!state?.namespaces.includes(namespace)) return { ok: false, error: words('oktetoNotListed', namespace) };
    const token = (await readSecret(state.url))?.token;
    if (token === undefined) return { ok: false, error: words('oktetoConnectAgain', state.url) };
    const woke = await wake(state.url, token, namespace, namespace in (state.previews ?? {}));
    if (woke.error !== undefined) return { ok: false, error: said(woke.error) };
    const after = await refreshInstance(state.url, await inUse([namespace]));
    return after.ok ? { ok: true, value: after.value?.statuses?.[namespace] } : after;
  }

  /** The domains an instance owns, as the user says (empty: guessed from its endpoints again). */
  async function setOktetoDomains(url: string, domains: string[]): Promise<Reply> {
    const checked = domains.map((d) => validateDomain(d));
    const bad = checked.find((d) => d.error !== undefined);
    if (bad?.error !== undefined) return { ok: false, error: said(bad.error) };
    const state = (await readInstances()).find((i) => i.url === url);
    if (!state) return { ok: false, error: words('oktetoNotConnected', url) };
    await put({ ...state, domains: [...new Set(checked.map((d) => d.value as string))] });
    return { ok: true };
  }

  /**
   * The refresh alarm runs while a divert is on and an instance is connected, about every 15
   * minutes, so a namespace that went to sleep or away is flagged on the toolbar on time.
   */
  async function scheduleOktetoRefresh(): Promise<void> {
    const [settings, list] = await Promise.all([storedSettings(), readInstances()]);
    const diverting = !settings.paused && settings.domains.some((d) => d.enabled);
    const current = await browser.alarms.get(OKTETO_ALARM);
    if (!diverting || list.length === 0) {
      if (current) await browser.alarms.clear(OKTETO_ALARM);
      return;
    }
    if (!current) await browser.alarms.create(OKTETO_ALARM, { periodInMinutes: OKTETO_LIMITS.refreshMinutes });
  }

  /** Forget one instance and its token (none named: every one). */
  async function forgetOkteto(url?: string): Promise<Reply> {
    const gone = (await readInstances()).filter((i) => url === undefined || i.url === url);
    for (const i of gone) await removeSecret(i.url);
    await change((list) => list.filter((i) => !gone.some((g) => g.url === i.url)));
    return { ok: true };
  }
  return { connectOkteto, refreshOkteto, wakeOkteto, setOktetoDomains, scheduleOktetoRefresh, forgetOkteto };
}
export type Okteto = ReturnType<typeof createOkteto>;
