import type { Settings } from './settings';

/**
 * "Compare with <namespace>" in the DevTools panel: the background sends a logged GET or HEAD
 * again, once for each namespace, and the panel shows the two answers side by side. What one
 * answer holds, bounded: the probe's limits in time and size, and at most this many headers.
 */
export const COMPARE_LIMITS = { headers: 100, headerChars: 1024 } as const;

export interface CompareAnswer {
  /** The namespace asked for; absent for "Compare without divert" (no okteto-divert member sent). */
  namespace?: string;
  /** Why no answer came (time-out, refused, redirected elsewhere): nothing else is set then. */
  error?: string;
  status?: number;
  /** Response headers, names in lower case, sorted. */
  headers?: [string, string][];
  /** The served-by header's value, when the app sets it. */
  served?: string;
  /** The body as text; absent for HEAD and for a body past the size limit (`tooLarge`). */
  body?: string;
  tooLarge?: true;
}

export interface Comparison {
  url: string;
  method: string;
  /** The namespace the tab diverts to, and the one it is compared with (or none: without divert). */
  ours: CompareAnswer;
  theirs: CompareAnswer;
  withCookies: boolean;
  /** The response header that says which namespace served (shown apart, not as a difference). */
  servedHeader: string;
}

/**
 * What the panel offers to compare a tab's requests with: "Compare without divert" always (it needs
 * no name), and the namespaces the user chose (the saved namespace, each domain's, presets, recent
 * choices), then their Okteto instance's list, never the tab's own. `against` is the one "Compare
 * with" names: the user's pick while it is offered, else the first. Never a name only a server said
 * (a served-by value in the tab's log): a hostile server must not pick where the panel sends the
 * tab's request again.
 */
export function compareChoice(
  settings: Settings,
  okteto: readonly string[],
  log: readonly { expected?: string }[],
  picked?: string,
): { targets: string[]; against?: string } {
  const ours = log.find((r) => r.expected !== undefined)?.expected;
  const chosen = [
    settings.activeNamespace,
    ...settings.domains.map((d) => d.namespace ?? ''),
    ...settings.presets.map((p) => p.namespace),
    ...settings.recent,
    ...okteto,
  ];
  const targets = [...new Set(chosen)].filter((ns) => ns !== '' && ns !== ours);
  return { targets, against: picked && targets.includes(picked) ? picked : targets[0] };
}
