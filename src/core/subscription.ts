import { MAX_FILE_BYTES } from './presets';
import { fail, ok, type Result } from './result';

export const SUBSCRIPTION_LIMITS = { timeoutMs: 10_000, maxBytes: MAX_FILE_BYTES, periodMinutes: 60 } as const;

/** What the last fetches of a subscription did (kept apart from settings: it changes every hour). */
export interface SubscriptionStatus {
  lastAttempt?: number;
  lastSuccess?: number;
  lastError?: string;
  etag?: string;
}

const LOOPBACK = /^(localhost|[a-z0-9-]+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** A preset URL: https, or http on this machine (a local file server) only. */
export function validateSubscriptionUrl(input: unknown): Result<string> {
  if (typeof input !== 'string' || input.trim() === '')
    return fail('Enter the URL of a team preset file, e.g. https://example.com/team.json.');
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return fail(`"${input.trim().slice(0, 100)}" is not a URL. Enter the full address, e.g. https://example.com/team.json.`);
  }
  if (url.username || url.password) return fail('Leave user names and passwords out of the preset URL.');
  if (url.protocol === 'https:') return ok(url.href);
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return ok(url.href);
  return fail('Preset URLs must use https (http only for localhost), so nobody on the network can change your presets.');
}
