import { covers } from './host';
import type { Settings } from './settings';

/**
 * Which pages' requests to a diverted host carry the header (issue 33, item 10).
 *
 * - A document a tab or a frame loads from a diverted host (main_frame, sub_frame) always does,
 *   wherever the link or the frame was: the person is looking at that page, as with a typed URL.
 * - Every other request (fetch, XHR, script, image, WebSocket, beacon…) does only when the page
 *   that makes it (its initiator) is a diverted site itself, a calling page the user granted, or the
 *   same site (registrable domain) as the host it calls. So a random site, or every site under
 *   "On all sites", calling a diverted API sends it nothing: it cannot pick the namespace a
 *   user's request goes to, nor learn which one they use; a staging frontend at app.staging.example
 *   calling api.staging.example still works.
 * The rules say it with initiatorDomains (initiatorsFor) and domainType 'firstParty' (the
 * browser's own same-site test); Firefox's merge listener asks mayCarryFrom.
 */
export const NAVIGATION_TYPES = ['main_frame', 'sub_frame'] as const;

/** The hosts whose pages' calls carry the header: every diverted domain (on, with access) and the calling pages. */
export function initiatorsFor(settings: Settings, permitted: (domain: string) => boolean, callers: readonly string[]): string[] {
  if (settings.paused) return [];
  const diverted = settings.domains.filter((d) => d.enabled && permitted(d.domain)).map((d) => d.domain);
  return [...new Set([...diverted, ...callers])].sort();
}

/**
 * A sub-request's decision, as the rules take it: from a page under one of `initiators`, or from a
 * page of the same site as the host it calls. A request with no initiator page carries nothing.
 */
export const mayCarryFrom = (initiators: readonly string[], initiator: string | undefined, sameSite: boolean): boolean =>
  !!initiator && (sameSite || initiators.some((d) => covers(d, initiator)));
