import { divertNamespaceOf } from './baggage';
import { isNamespace } from './namespace';
import { type Problem, problem } from './result';
import { ownNames } from './share-link';
import type { Words } from './words';

/**
 * What Divert Switch knows about one tab's current page: which namespace it asked for, which one
 * answered, and what happened to the header on the way out. Pure: events in, state out.
 */
export interface TabServed {
  /** The page's host and the namespace its requests carry (undefined: not diverted). */
  host?: string;
  requested?: string;
  /** The namespace that answered, once a signal said so. */
  served?: string;
  /** A signal that was not a namespace, kept (cut short) to be shown as text. */
  unrecognised?: string;
  /**
   * A namespace-shaped signal that is neither the requested namespace nor one the user or an
   * instance knows: any server can send any name, so it is said as "another namespace", never shown.
   */
  other?: true;
  source?: 'header' | 'probe';
  /** Why the last probe gave no answer. */
  probeError?: string;
  /** Requests from this tab to diverted hosts, and how many left with our header. */
  requests: number;
  carried: number;
  /** A baggage value that was sent instead of ours (another extension or the page changed it). */
  overridden?: string;
  /**
   * The page's own baggage on its calls to diverted hosts: the members kept beside okteto-divert
   * (a merge), the ones replaced by it (Chrome without the merge), and the ones left out to stay
   * within the W3C limits. Member names only.
   */
  pageBaggage?: { kept: string[]; replaced: string[]; dropped: string[]; tooLarge?: true };
  /**
   * Responses from diverted hosts this page got from the browser's HTTP cache (documents and
   * fetch/XHR): no header reached a namespace for them, so they may show what another one sent.
   */
  fromCache?: number;
  /**
   * Requests of no tab (service and shared workers) that this pinned tab's site started: how many,
   * how many carried the tab's namespace, and the last other value one carried ('none': no header).
   */
  workers?: { requests: number; carried: number; other?: string };
}

export type ServedEvent =
  /** The tab starts loading a page: everything about the last page is forgotten. */
  | { type: 'navigate'; host?: string; requested?: string }
  /** A response from a diverted host carried the namespace header (main frame or fetch/XHR). */
  /** `known`: the namespaces the user or an instance knows (knownNamespaces); only those are named. */
  | { type: 'header'; value: string; known: readonly string[] }
  | { type: 'probe'; value: string; known: readonly string[] }
  | { type: 'probe-failed'; reason: string }
  /** A request to a diverted host left the browser with these headers. */
  | { type: 'sent'; baggage?: string; expected: string }
  /** A response from a diverted host came from the browser's cache. */
  | { type: 'cached' }
  /** A request of no tab (a service or shared worker of the tab's site) left with these headers. */
  | { type: 'worker-sent'; baggage?: string; expected: string }
  /** A call of the page's carried baggage of its own: what became of its members. */
  | { type: 'page-baggage'; kept?: string[]; replaced?: string[]; dropped?: string[]; tooLarge?: true };

export const EMPTY: TabServed = { requests: 0, carried: 0 };
const MAX_SHOWN = 64;

function withSignal(state: TabServed, raw: string, source: 'header' | 'probe', known: readonly string[]): TabServed {
  const value = raw.trim();
  if (!isNamespace(value)) {
    if (state.served !== undefined || state.other) return state;
    return { ...state, unrecognised: value.slice(0, MAX_SHOWN), source };
  }
  // A response from the requested namespace settles it for this page: with Divert only the
  // services you deployed answer from your namespace, the rest from the shared one. The probe,
  // asked on purpose, has the last word over incidental headers.
  const settled = state.served !== undefined && state.served === state.requested;
  if (source === 'header' && (settled || state.source === 'probe')) return state;
  const { unrecognised: _u, other: _o, served: _s, ...rest } = state;
  if (value !== state.requested && !known.includes(value)) return { ...rest, other: true, source };
  return { ...rest, served: value, source };
}

/**
 * The namespaces a served-by value may be named as: the ones the user chose (saved, a domain's,
 * a tab's pin, their own presets, recent) and the ones an instance lists as the user's (its
 * namespaces, and its personal previews). A global preview is anyone's to name (whoever can open a
 * pull request deploys one), as is a team file's or the policy's preset: a server sending such a
 * name is "another namespace", like any other name nobody here chose.
 */
export function knownNamespaces(
  settings: Parameters<typeof ownNames>[0],
  instances: readonly { namespaces: string[]; previews?: Record<string, { scope?: string }> }[],
  pins: Record<number, string> = {},
): string[] {
  const theirs = (i: (typeof instances)[number], n: string) => {
    const preview = i.previews?.[n];
    return !preview || preview.scope?.toLowerCase() === 'personal';
  };
  return [
    ...new Set([
      ...ownNames(settings),
      ...Object.values(pins),
      ...instances.flatMap((i) => i.namespaces.filter((n) => theirs(i, n))),
    ]),
  ].filter((n): n is string => !!n);
}

export function reduceServed(state: TabServed, event: ServedEvent): TabServed {
  switch (event.type) {
    case 'navigate':
      return { ...EMPTY, host: event.host, requested: event.requested };
    case 'header':
      return withSignal(state, event.value, 'header', event.known);
    case 'probe':
      return { ...withSignal(state, event.value, 'probe', event.known), probeError: undefined };
    case 'probe-failed':
      return { ...state, probeError: event.reason.slice(0, 200) };
    case 'page-baggage': {
      const was = state.pageBaggage ?? { kept: [], replaced: [], dropped: [] };
      const add = (a: string[], b: string[] = []) => [...new Set([...a, ...b])].slice(0, 20);
      const next = {
        kept: add(was.kept, event.kept),
        replaced: add(was.replaced, event.replaced),
        dropped: add(was.dropped, event.dropped),
        ...(was.tooLarge || event.tooLarge ? { tooLarge: true as const } : {}),
      };
      return JSON.stringify(next) === JSON.stringify(was) ? state : { ...state, pageBaggage: next };
    }
    case 'cached':
      return { ...state, fromCache: (state.fromCache ?? 0) + 1 };
    case 'worker-sent': {
      const sent = divertNamespaceOf(event.baggage);
      const was = state.workers ?? { requests: 0, carried: 0 };
      const carried = sent === event.expected;
      return {
        ...state,
        workers: {
          requests: was.requests + 1,
          carried: was.carried + (carried ? 1 : 0),
          ...(carried ? (was.other ? { other: was.other } : {}) : { other: (sent ?? 'none').slice(0, MAX_SHOWN) }),
        },
      };
    }
    case 'sent': {
      const sent = divertNamespaceOf(event.baggage);
      const next = { ...state, requests: state.requests + 1 };
      if (sent === event.expected) return { ...next, carried: next.carried + 1 };
      return event.baggage ? { ...next, overridden: event.baggage.slice(0, MAX_SHOWN) } : next;
    }
  }
}

export type Verdict = 'match' | 'mismatch' | 'unknown';

export function verdict(state: TabServed): Verdict {
  if (state.requested && state.other) return 'mismatch';
  if (!state.requested || state.served === undefined) return 'unknown';
  return state.served === state.requested ? 'match' : 'mismatch';
}

/** Who answered, as every surface says it: the namespace, "another namespace", or undefined (not known). */
/**
 * Why another namespace answered, as far as anyone can tell without the Okteto API's facts: the
 * popup says it `of` the page, the DevTools panel of one request.
 */
export const mismatchCauses = (namespace: string, of: 'page' | 'request'): Problem[] => [
  problem('causeNotDeployed', namespace),
  problem(of === 'page' ? 'causeNotForwarded' : 'panelCauseNotForwarded'),
  problem('causeSpelling', namespace),
];

export const servedName = (state: TabServed, t: Words): string | undefined =>
  state.served ?? (state.other ? t('anotherNamespace') : undefined);

/**
 * "okteto-divert: alice · served by alice", the page badge's one line. Built from validated
 * namespace names only: a raw signal value (which a page may not be able to read itself) never
 * reaches the badge's shadow root, where the page can read it. The popup shows it.
 */
export function servedLine(state: TabServed, t: Words): string {
  const requested = state.requested ?? t('divertOff');
  if (state.served !== undefined || state.other) return t('servedLine', requested, servedName(state, t) ?? '');
  if (state.unrecognised !== undefined) return t('servedLineNotNamespace', requested);
  return t('servedLineUnknown', requested);
}
