import { originPatterns } from '../core/permissions';
import { browser } from './browser';

export async function grantedOrigins(): Promise<string[]> {
  return (await browser.permissions.getAll()).origins ?? [];
}

/**
 * Asks for host access to `domains`. Must be called straight from a click handler, before any
 * await: Firefox only shows the prompt inside the user's gesture.
 */
export function requestDomains(domains: string[]): Promise<boolean> {
  return browser.permissions.request({ origins: domains.flatMap(originPatterns) });
}

/** Asks for exact origins (a page's host). Same rule: straight from the click. */
export function requestOrigins(origins: string[]): Promise<boolean> {
  return browser.permissions.request({ origins });
}

/**
 * Gives host access back. One origin at a time: Chrome refuses a whole call when one of them was
 * granted by the manifest (the e2e build lists its test hosts there), and that one simply stays.
 */
export async function releaseOrigins(origins: string[]): Promise<void> {
  for (const origin of origins) await browser.permissions.remove({ origins: [origin] }).catch(() => false);
}
