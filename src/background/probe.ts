import { baggageValue } from '../core/baggage';
import { DEFAULT_FIELD, PROBE_LIMITS, probeUrl, readProbe } from '../core/probe';
import { problem, type Result } from '../core/result';
import { knownNamespaces } from '../core/served';
import { entryCovering } from '../core/settings';
import { webHost } from '../core/url';
import { fetchBounded } from '../platform/fetch';
import { said, whyFailed } from '../platform/i18n';
import { type ContextCache, divertIn } from './context';
import type { RequestLogs } from './request-log';
import type { TabStates } from './tab-states';

type Answer = Result<string> & { unanswered?: boolean };

async function fetchProbe(url: string, namespace: string, field: string, credentials: RequestCredentials): Promise<Answer> {
  const res = await fetchBounded(url, {
    timeoutMs: PROBE_LIMITS.timeoutMs,
    maxBytes: PROBE_LIMITS.maxBytes,
    headers: { baggage: baggageValue(namespace), accept: 'application/json' },
    credentials,
  });
  if ('error' in res) return { error: problem('probeNoAnswer', whyFailed(res, PROBE_LIMITS.timeoutMs)), unanswered: true };
  if (res.status !== 200) return { error: problem('probeHttpStatus', String(res.status)) };
  if (!/json/i.test(res.headers.get('content-type') ?? '')) return { error: problem('probeNotJson') };
  if (res.text === undefined) return { error: problem('probeTooLarge', String(PROBE_LIMITS.maxBytes / 1024)) };
  return readProbe(res.text, field);
}

/** The served-by probe of a diverted page. */
export function createProbe({
  context,
  inOrder,
  loadOf,
  logRequest,
  record,
  stateOf,
}: Pick<ContextCache, 'context'> &
  Pick<RequestLogs, 'logRequest'> &
  Pick<TabStates, 'inOrder' | 'loadOf' | 'record' | 'stateOf'>) {
  /**
   * After a diverted page's document arrived: GET <origin><probe> with the same baggage, bounded in
   * time and size. Without cookies, unless the user switched them on for the domain (never a file),
   * and never for a tab whose cookies are kept apart (private window, container). Called from the
   * webRequest stream, after that page's navigation: its answer is recorded only for that same page
   * load, whatever order the browser delivers other events in.
   */
  function runProbe(tabId: number, pageUrl: string, separateCookies: Promise<boolean>): Promise<void> {
    const host = webHost(pageUrl);
    if (tabId < 0 || !host) return Promise.resolve();
    let load = -1;
    // In the tab's order: the navigation this response belongs to has been applied by then.
    return inOrder(tabId, async () => {
      load = loadOf(tabId);
    }).then(async () => {
      const ctx = await context();
      const divert = divertIn(ctx, tabId, host);
      const entry = entryCovering(ctx.settings, host);
      const from = entry?.namespaceFrom;
      const url = from?.probe ? probeUrl(pageUrl, from.probe) : undefined;
      if (!divert || !url) return;
      const credentials = entry?.probeCookies && !(await separateCookies) ? 'include' : 'omit';
      const ask = () => fetchProbe(url, divert.namespace, from?.field ?? DEFAULT_FIELD, credentials);
      let answer = await ask();
      // One more try after a moment when the answer did not come at all (a busy machine, a cold pod).
      if (answer.unanswered) {
        await new Promise((r) => setTimeout(r, 1000));
        answer = await ask();
      }
      await inOrder(tabId, async () => {
        // The tab may have moved on while the probe ran: its answer is about the page it was sent for.
        const now = await stateOf(tabId);
        if (loadOf(tabId) !== load || now.host !== host || now.requested !== divert.namespace) return;
        if (answer.error !== undefined) return record(tabId, { type: 'probe-failed', reason: said(answer.error) });
        await record(tabId, { type: 'probe', value: answer.value, known: knownNamespaces(ctx.settings, ctx.oktetos, ctx.pins) });
        await logRequest(tabId, { type: 'probe', url: pageUrl, served: answer.value });
      });
    });
  }
  return { runProbe };
}
export type Probe = ReturnType<typeof createProbe>;
