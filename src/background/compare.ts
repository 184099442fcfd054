import { mergeBaggage, withoutDivert } from '../core/baggage-merge';
import { COMPARE_LIMITS, type CompareAnswer, type Comparison } from '../core/compare';
import type { Reply } from '../core/messages';
import { DEFAULT_HEADER, PROBE_LIMITS } from '../core/probe';
import { replayable } from '../core/request-log';
import { type HeaderRule, oneRequestRule, type RemovingRule, RULE_IDS, TAB_ID_NONE } from '../core/rules';
import { entryCovering } from '../core/settings';
import { exactUrl, webHost } from '../core/url';
import { dnr, ownInitiator } from '../platform/dnr';
import { fetchBounded } from '../platform/fetch';
import { whyFailed, words } from '../platform/i18n';
import { keepsCookiesApart } from '../platform/tabs';
import { type ContextCache, divertIn } from './context';
import type { RequestLogs } from './request-log';
import { serial } from './serial';

/**
 * The rules set every request's baggage to the tab's namespace, the background's own included. A
 * compare's request gets a rule of its own above them: that URL alone (anchored, case-sensitive),
 * that method, sent by this extension (tab -1, our own origin as initiator), for as long as it runs.
 * Without divert and with no page members left, it removes the header: nothing of ours is sent.
 */
const oneRequest = (url: string, method: string, baggage: string | undefined) =>
  oneRequestRule(RULE_IDS.compare.first, 'compare', { url, method, tabId: TAB_ID_NONE, initiator: ownInitiator() }, baggage);

async function send(
  url: string,
  method: string,
  baggage: string | undefined,
  withCookies: boolean,
  header: string,
): Promise<Omit<CompareAnswer, 'namespace'>> {
  const res = await fetchBounded(url, {
    method,
    timeoutMs: PROBE_LIMITS.timeoutMs,
    maxBytes: PROBE_LIMITS.maxBytes,
    headers: baggage === undefined ? {} : { baggage },
    credentials: withCookies ? 'include' : 'omit',
  });
  if ('error' in res)
    return { error: res.kind === 'timeout' ? whyFailed(res, PROBE_LIMITS.timeoutMs) : words('compareUnreachable', res.error) };
  const headers: [string, string][] = [];
  res.headers.forEach((value, name) => {
    if (headers.length < COMPARE_LIMITS.headers) headers.push([name.toLowerCase(), value.slice(0, COMPARE_LIMITS.headerChars)]);
  });
  headers.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const served = res.headers.get(header)?.slice(0, COMPARE_LIMITS.headerChars) ?? undefined;
  const answer: Omit<CompareAnswer, 'namespace'> = { status: res.status, headers };
  if (served !== undefined) answer.served = served;
  if (res.text === undefined) answer.tooLarge = true;
  else if (method !== 'HEAD') answer.body = res.text;
  return answer;
}

/** The DevTools panel's compare: one logged request sent again per namespace. */
export function createCompare({ context, loggedRequest }: Pick<ContextCache, 'context'> & Pick<RequestLogs, 'loggedRequest'>) {
  /**
   * Sends a request of a tab's log again, once with the tab's namespace and once with `against` (null:
   * without any okteto-divert member, as the shared namespace answers it), and returns both answers. Only what the rules allow: a GET or HEAD the tab sent to a host it diverts
   * now (its entry on, its access granted), to that URL alone (redirects are not followed), with the
   * page's own baggage members kept, within the probe's limits, and without cookies unless asked.
   * The URL comes from the log, never from the message.
   */
  async function compareRequest(
    tabId: number,
    id: string,
    against: string | null,
    withCookies: boolean,
  ): Promise<Reply<Comparison>> {
    const row = await loggedRequest(tabId, id);
    if (!row) return { ok: false, error: words('compareGone') };
    if (!replayable(row)) return { ok: false, error: words('compareOnlyGet', row.method) };
    const host = webHost(row.url);
    const ctx = await context();
    const divert = host ? divertIn(ctx, tabId, host) : undefined;
    if (!host || !divert) return { ok: false, error: host ? words('compareNotDiverted', host) : words('tabNotDiverted') };
    if (against === divert.namespace) return { ok: false, error: words('compareSameNamespace', against) };
    if (withCookies && (await keepsCookiesApart(tabId))) return { ok: false, error: words('compareCookiesApart') };
    const header = (entryCovering(ctx.settings, host)?.namespaceFrom?.header ?? DEFAULT_HEADER).toLowerCase();
    const url = exactUrl(row.url);
    if (!url) return { ok: false, error: words('compareUrlUnmatchable') };
    const ask = async (namespace: string | null): Promise<CompareAnswer> => {
      const baggage = namespace === null ? withoutDivert(row.pageBaggage) : mergeBaggage(row.pageBaggage, namespace).value;
      const answer = await holding(oneRequest(url, row.method, baggage), () =>
        send(url, row.method, baggage, withCookies, header),
      );
      return namespace === null ? answer : { namespace, ...answer };
    };
    // One at a time: both go to the same URL, each under its own rule.
    const [ours, theirs] = await turns('compare', async () => [await ask(divert.namespace), await ask(against)]);
    return { ok: true, value: { url: row.url, method: row.method, ours, theirs, withCookies, servedHeader: header } };
  }

  /** Compares run one after another: one rule id, one request in flight. */
  const turns = serial<string>();

  async function holding<T>(rule: HeaderRule | RemovingRule, job: () => Promise<T>): Promise<T> {
    await dnr.session.update({ addRules: [rule], removeRuleIds: [rule.id] });
    try {
      return await job();
    } finally {
      await dnr.session.update({ addRules: [], removeRuleIds: [rule.id] }).catch(() => undefined);
    }
  }
  return { compareRequest };
}
export type Compare = ReturnType<typeof createCompare>;
