import { validateContentMessage } from '../core/served-messages';
import { webHost } from '../core/tab-state';
import { writeBadgePlace } from '../platform/tabs';
import { badgeStateFor } from './served';

/** Messages from a page badge (a content script on a diverted host): read its state, keep its place. */
export async function handleContent(input: unknown, tabId: number, url: string | undefined): Promise<unknown> {
  const msg = validateContentMessage(input);
  if (msg.error !== undefined) return { ok: false, error: msg.error };
  if (msg.value.type === 'divert:hello') return badgeStateFor(tabId);
  const host = webHost(url);
  if (!host) return { ok: false, error: 'Not a web page.' };
  const { type: _type, ...place } = msg.value;
  await writeBadgePlace(host, place);
  return { ok: true };
}
