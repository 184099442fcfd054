import { MAX_FILE_BYTES } from './json-file';
import type { ImportPreview } from './presets';
import { ok, type Result } from './result';
import { secureUrl } from './url';

export const SUBSCRIPTION_LIMITS = { timeoutMs: 10_000, maxBytes: MAX_FILE_BYTES, periodMinutes: 60 } as const;

/** What the last fetches of a subscription did (kept apart from settings: it changes every hour). */
export interface SubscriptionStatus {
  lastAttempt?: number;
  lastSuccess?: number;
  lastError?: string;
  etag?: string;
  /** What the last refresh that brought a new file changed (served-by signals above all). */
  lastChanges?: ImportPreview;
}

/** A preset URL: https, or http on this machine (a local file server) only. */
export function validateSubscriptionUrl(input: unknown): Result<string> {
  const url = secureUrl(input, {
    empty: 'presetUrlEmpty',
    notUrl: 'presetUrlNotUrl',
    credentials: 'presetUrlCredentials',
    insecure: 'presetUrlInsecure',
  });
  return url.error === undefined ? ok(url.value.href) : url;
}
