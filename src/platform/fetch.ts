/** Bounded HTTP request for the background: a time-out, a size limit, and no throw for the caller. */
export interface FetchFailed {
  /** `timeout`: no answer in time; `network`: refused, unreachable, redirected, or blocked. */
  kind: 'timeout' | 'network';
  error: string;
}

export interface Fetched {
  status: number;
  headers: Headers;
  /** The body, or undefined when it passed `maxBytes` (reading stopped there). */
  text?: string;
}

export async function fetchBounded(
  url: string,
  {
    timeoutMs,
    maxBytes,
    headers = {},
    credentials = 'omit',
    method = 'GET',
    body,
  }: {
    timeoutMs: number;
    maxBytes: number;
    headers?: Record<string, string>;
    credentials?: RequestCredentials;
    method?: string;
    body?: string;
  },
): Promise<Fetched | FetchFailed> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const res = await fetch(url, {
      method,
      body,
      headers,
      signal: abort.signal,
      cache: 'no-store',
      credentials,
      redirect: 'error',
    });
    const declared = Number(res.headers.get('content-length') ?? 0);
    const text = declared > maxBytes ? undefined : await readBounded(res, maxBytes);
    if (text === undefined) await res.body?.cancel().catch(() => undefined);
    return { status: res.status, headers: res.headers, text };
  } catch (e) {
    return abort.signal.aborted
      ? { kind: 'timeout', error: `no answer within ${timeoutMs / 1000} s` }
      : { kind: 'network', error: (e as Error).message || 'network error' };
  } finally {
    clearTimeout(timer);
  }
}

/** The body as text, or undefined once it passes `max` bytes. */
async function readBounded(res: Response, max: number): Promise<string | undefined> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}
