import { fail, ok, type Result } from './result';
import type { MessageKey } from './words';

/** The host name of a URL, or undefined when it is no URL. */
export function urlHost(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/** The origin of a URL (scheme, host, port), or undefined when it is none. */
export function urlOrigin(url: string | undefined): string | undefined {
  try {
    return url === undefined ? undefined : new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The host of a web page URL, or undefined for other schemes and unreadable URLs. */
export function webHost(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return /^(https?|wss?):$/.test(u.protocol) ? u.hostname : undefined;
  } catch {
    return undefined;
  }
}

const LOOPBACK = /^(localhost|[a-z0-9-]+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** The sentences one kind of URL is refused with (each names the kind and shows an example). */
export interface UrlWords {
  empty: MessageKey;
  notUrl: MessageKey;
  credentials: MessageKey;
  insecure: MessageKey;
}

/**
 * A URL the background may fetch with something worth protecting (a team's presets, a token):
 * https, or http on this machine only, and no credentials in it.
 */
export function secureUrl(input: unknown, said: UrlWords, { defaultScheme }: { defaultScheme?: 'https' } = {}): Result<URL> {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') return fail(said.empty);
  let url: URL;
  try {
    url = new URL(defaultScheme && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? `${defaultScheme}://${text}` : text);
  } catch {
    return fail(said.notUrl, text.slice(0, 100));
  }
  if (url.username || url.password) return fail(said.credentials);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname))) return ok(url);
  return fail(said.insecure);
}

/**
 * The one URL a one-request rule may match (a kept page baggage, a compare), as the browser will send it, or undefined. Refused: anything
 * but http(s), userinfo (it hides the real host from a reader), and the characters urlFilter
 * reads as syntax (`*` `^` `|`), which would widen an anchored filter.
 */
export function exactUrl(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(u.protocol) || u.username !== '' || u.password !== '') return undefined;
  u.hash = '';
  return /[*^|]/.test(u.href) ? undefined : u.href;
}
