import type { Reply } from '../core/messages';
import { type ImportPreview, mergeTeam, parsePresetFile } from '../core/presets';
import { ITEMS } from '../core/storage-items';
import { SUBSCRIPTION_LIMITS, type SubscriptionStatus, validateSubscriptionUrl } from '../core/subscription';
import { fetchBounded } from '../platform/fetch';
import { said, whyFailed, words } from '../platform/i18n';
import { read, write } from '../platform/store';
import type { Committer } from './commit';
import type { ContextCache } from './context';

async function saveStatus(url: string, status: SubscriptionStatus) {
  const all = await read(ITEMS.subscriptionStatus);
  await write(ITEMS.subscriptionStatus, { ...all, [url]: status });
}

/** Preset subscriptions: fetched, merged, refreshed. */
export function createSubscriptions({
  commit,
  storedSettings,
}: Pick<Committer, 'commit'> & Pick<ContextCache, 'storedSettings'>) {
  /**
   * Fetches a subscription's file (If-None-Match, bounded) and merges it. `first`: the subscribe
   * click, which fails whole (nothing saved) when the file cannot be had; a refresh that fails keeps
   * the last good copy and records the error and time. The fetch runs outside the queue; only the
   * merge is committed, against the settings of that moment.
   */
  async function followSubscription(input: string, first: boolean): Promise<Reply> {
    const url = validateSubscriptionUrl(input);
    if (url.error !== undefined) return { ok: false, error: said(url.error) };
    const status = (await read(ITEMS.subscriptionStatus))[url.value] ?? {};
    const known = (await storedSettings()).subscriptions.find((s) => s.url === url.value);
    if (first && known) return { ok: false, error: words('alreadyFollowing', url.value, known.team) };
    if (!first && !known) return { ok: false, error: words('notSubscribed') };

    const headers: Record<string, string> = { accept: 'application/json' };
    if (!first && status.etag) headers['if-none-match'] = status.etag;
    const res = await fetchBounded(url.value, {
      timeoutMs: SUBSCRIPTION_LIMITS.timeoutMs,
      maxBytes: SUBSCRIPTION_LIMITS.maxBytes,
      headers,
    });
    const attempt = Date.now();
    const failed = async (error: string): Promise<Reply> => {
      if (!first) await saveStatus(url.value, { ...status, lastAttempt: attempt, lastError: error });
      return { ok: false, error: first ? error : words('lastGoodCopyKept', error) };
    };
    if ('error' in res) return failed(words('subscriptionUnreachable', url.value, whyFailed(res, SUBSCRIPTION_LIMITS.timeoutMs)));
    if (res.status === 304 && !first) {
      await saveStatus(url.value, { ...status, lastAttempt: attempt, lastSuccess: attempt, lastError: undefined });
      return { ok: true, value: { unchanged: true } };
    }
    if (res.status !== 200) return failed(words('subscriptionHttpStatus', url.value, String(res.status)));
    if (res.text === undefined) return failed(words('subscriptionTooLarge', url.value));
    const parsed = parsePresetFile(res.text);
    if (parsed.error !== undefined) return failed(said(parsed.error));
    const { file, warnings } = parsed.value;

    type Outcome = { error: string; gone?: true } | { preview: ImportPreview };
    const outcome = await commit<Outcome>((now) => {
      const mine = now.subscriptions.find((s) => s.url === url.value);
      if (!first && !mine) return { reply: { error: words('noLongerSubscribed'), gone: true } };
      if (mine && mine.team !== file.team)
        return { reply: { error: words('subscriptionTeamChanged', url.value, file.team, mine.team) } };
      const clash = now.subscriptions.find((s) => s.team === file.team && s.url !== url.value);
      if (clash) return { reply: { error: words('teamFromOtherUrl', file.team, clash.url) } };
      const merged = mergeTeam(now, file);
      const subscriptions = mine ? now.subscriptions : [...now.subscriptions, { url: url.value, team: file.team }];
      return { settings: { ...merged.settings, subscriptions }, reply: { preview: merged.preview } };
    });
    if ('error' in outcome) return outcome.gone ? { ok: false, error: outcome.error } : failed(outcome.error);
    await saveStatus(url.value, {
      lastAttempt: attempt,
      lastSuccess: attempt,
      etag: res.headers.get('etag') ?? undefined,
      lastChanges: outcome.preview,
    });
    return { ok: true, value: { ...outcome.preview, warnings } };
  }

  /** Every subscription, one after another (browser start and the hourly alarm). */
  async function refreshAll(): Promise<void> {
    const { subscriptions } = await storedSettings();
    for (const s of subscriptions) await followSubscription(s.url, false);
  }
  return { followSubscription, refreshAll };
}
export type Subscriptions = ReturnType<typeof createSubscriptions>;
