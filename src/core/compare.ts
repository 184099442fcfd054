/**
 * "Compare with <namespace>" in the DevTools panel: the background sends a logged GET or HEAD
 * again, once for each namespace, and the panel shows the two answers side by side. What one
 * answer holds, bounded: the probe's limits in time and size, and at most this many headers.
 */
export const COMPARE_LIMITS = { headers: 100, headerChars: 1024 } as const;

export interface CompareAnswer {
  namespace: string;
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
  /** The namespace the tab diverts to, and the one it is compared with. */
  ours: CompareAnswer;
  theirs: CompareAnswer;
  withCookies: boolean;
  /** The response header that says which namespace served (shown apart, not as a difference). */
  servedHeader: string;
}
