import { divertNamespaceOf } from './baggage';
import { memberNames } from './baggage-merge';
import { isNamespace } from './namespace';

/**
 * The DevTools panel's list: a tab's requests to hosts a domain entry covers, as the background
 * observed them (documents, fetch/XHR, WebSockets, event streams: the kinds it already watches),
 * newest first, in a bounded ring. Pure: events in, log out.
 */
export interface LoggedRequest {
  /** The browser's request id: a redirect keeps it, so its hops share one row. */
  id: string;
  /** When it was sent (ms since the epoch). */
  at: number;
  method: string;
  /** Cut to LOG_LIMITS.urlChars: a page decides how long its URLs are. */
  url: string;
  type: string;
  /** The okteto-divert value the request left with (after the rules), if any. */
  sent?: string;
  /** The namespace the tab asks for at that host; without one, why not (`idle`). */
  expected?: string;
  idle?: 'paused' | 'off';
  /** The baggage it left with, when the page had members of its own in it: a compare keeps them. */
  pageBaggage?: string;
  /** The served-by signal of its answer (the domain's header, or the probe for the document). */
  served?: string;
  source?: 'header' | 'probe';
  status?: number;
  /** Milliseconds from sent to done. */
  ms?: number;
  cached?: true;
  /** Why it failed (the browser's words, cut short). */
  error?: string;
}

export type RequestLog = LoggedRequest[];

export const LOG_LIMITS = { entries: 500, urlChars: 2048, valueChars: 128, baggageChars: 8192 } as const;

export type LogEvent =
  | {
      type: 'sent';
      id: string;
      at: number;
      method: string;
      url: string;
      kind: string;
      baggage?: string;
      expected?: string;
      idle?: LoggedRequest['idle'];
    }
  | { type: 'answered'; id: string; status: number; served?: string }
  | { type: 'probe'; url: string; served: string }
  | { type: 'done'; id: string; at: number; cached?: boolean }
  | { type: 'failed'; id: string; at: number; error: string };

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The baggage as it left, when the page had members of its own in it (the compare keeps them). */
const withPageMembers = (baggage: string | undefined) =>
  baggage?.includes(',') && baggage.length <= LOG_LIMITS.baggageChars && (memberNames(baggage)?.length ?? 0) > 0
    ? baggage
    : undefined;

/** A served-by value as shown: trimmed and cut; anything may come back in a header. */
const shown = (value: string) => cut(value.trim(), LOG_LIMITS.valueChars);

function update(log: RequestLog, id: string, change: (row: LoggedRequest) => LoggedRequest): RequestLog {
  const i = log.findIndex((r) => r.id === id);
  if (i < 0) return log;
  const next = log.slice();
  next[i] = change(log[i] as LoggedRequest);
  return next;
}

export function reduceLog(log: RequestLog, event: LogEvent): RequestLog {
  switch (event.type) {
    case 'sent': {
      const sent = divertNamespaceOf(event.baggage);
      const row: LoggedRequest = {
        id: event.id,
        at: event.at,
        method: cut(event.method, 16),
        url: cut(event.url, LOG_LIMITS.urlChars),
        type: cut(event.kind, 32),
        ...(event.expected === undefined ? { idle: event.idle ?? 'off' } : { expected: event.expected }),
        ...(sent === undefined ? {} : { sent: shown(sent) }),
      };
      const page = withPageMembers(event.baggage);
      if (page) row.pageBaggage = page;
      // A redirect sends its next hop with the same id: the row follows it. One copy, bounded.
      const i = log.findIndex((r) => r.id === event.id);
      const next = log.slice(0, i < 0 ? LOG_LIMITS.entries - 1 : LOG_LIMITS.entries);
      if (i >= 0) next.splice(i, 1);
      next.unshift(row);
      return next;
    }
    case 'answered':
      return update(log, event.id, (row) => {
        const next: LoggedRequest = { ...row, status: event.status };
        if (event.served !== undefined) Object.assign(next, { served: shown(event.served), source: 'header' });
        return next;
      });
    case 'probe': {
      // The probe speaks for the newest document of that URL, unless its own answer said already.
      const url = cut(event.url, LOG_LIMITS.urlChars);
      const row = log.find((r) => r.type === 'main_frame' && r.url === url);
      if (!row || row.source === 'header') return log;
      return update(log, row.id, (r) => ({ ...r, served: shown(event.served), source: 'probe' }));
    }
    case 'done':
      return update(log, event.id, (row) => ({
        ...row,
        ms: Math.max(0, Math.round(event.at - row.at)),
        ...(event.cached ? { cached: true as const } : {}),
      }));
    case 'failed':
      return update(log, event.id, (row) => ({
        ...row,
        ms: Math.max(0, Math.round(event.at - row.at)),
        error: cut(event.error, LOG_LIMITS.valueChars),
      }));
  }
}

/** What a row says of its namespaces: sent and served agree, differ, or one is not known. */
export type RowVerdict = 'match' | 'mismatch' | 'unknown';

export function rowVerdict(row: LoggedRequest): RowVerdict {
  // The header left with another value than the tab asks for (stripped or changed on the way).
  if (row.expected !== undefined && row.sent !== row.expected) return 'mismatch';
  if (row.sent === undefined || row.served === undefined || row.cached) return 'unknown';
  return row.served === row.sent ? 'match' : 'mismatch';
}

export interface LogFilter {
  /** Rows that sent this namespace or were served by it ('none': rows that sent none); undefined: every row. */
  namespace?: string;
  mismatchesOnly?: boolean;
}

export function filterLog(log: RequestLog, filter: LogFilter): RequestLog {
  return log.filter(
    (row) =>
      (filter.namespace === undefined || (row.sent ?? 'none') === filter.namespace || row.served === filter.namespace) &&
      (!filter.mismatchesOnly || rowVerdict(row) === 'mismatch'),
  );
}

/** The namespaces a log speaks of (sent or served), for the filter and the compare choice. */
export function namespacesIn(log: RequestLog): string[] {
  const all = new Set<string>();
  for (const row of log) {
    if (row.sent && isNamespace(row.sent)) all.add(row.sent);
    if (row.served && isNamespace(row.served)) all.add(row.served);
  }
  return [...all].sort();
}

/** Only safe methods are sent again by a compare; the rest offer their curl commands. */
export const replayable = (row: LoggedRequest) => row.method === 'GET' || row.method === 'HEAD';
