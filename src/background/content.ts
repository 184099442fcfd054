import { validateContentMessage } from '../core/served-messages';
import { ITEMS } from '../core/storage-items';
import { urlOrigin, webHost } from '../core/url';
import { said, words } from '../platform/i18n';
import { read, write } from '../platform/store';
import type { KeepPageBaggage } from './keep-page-baggage';
import type { HeldRules } from './keep-page-baggage-rules';
import type { Queue } from './queue';
import type { Surfaces } from './surfaces';

/** Hosts whose badge place is remembered; the oldest make room. */
const MAX_PLACES = 200;

/** What a content script may ask. */
export function createContent({
  badgeStateFor,
  enqueue,
  keepPageBaggage,
  letGo,
}: Pick<HeldRules, 'letGo'> &
  Pick<KeepPageBaggage, 'keepPageBaggage'> &
  Pick<Queue, 'enqueue'> &
  Pick<Surfaces, 'badgeStateFor'>) {
  /**
   * Messages from a content script on a diverted host (which a page may script): the page badge may
   * read its tab's state and its own place, and keep its place; the keep-page-baggage bridge may ask for
   * one request of its own tab to keep the page's baggage. Nothing else, and nothing that reaches
   * settings. A place that is already stored writes nothing.
   */
  async function handleContent(input: unknown, tabId: number, url: string | undefined): Promise<unknown> {
    const msg = validateContentMessage(input);
    if (msg.error !== undefined) return { ok: false, error: said(msg.error) };
    const host = webHost(url);
    if (msg.value.type === 'divert:keep-page-baggage') return keepPageBaggage(msg.value, tabId, url);
    if (msg.value.type === 'divert:keep-page-baggage-done') return letGo(msg.value.token, tabId, urlOrigin(url));
    if (msg.value.type === 'divert:hello') {
      const state = await badgeStateFor(tabId);
      return host ? { ...state, place: (await read(ITEMS.badgePlaces))[host] } : state;
    }
    if (!host) return { ok: false, error: words('notAWebPage') };
    const { type: _type, ...place } = msg.value;
    return enqueue(async () => {
      const all = await read(ITEMS.badgePlaces);
      if (JSON.stringify(all[host]) === JSON.stringify(place)) return { ok: true };
      const hosts = Object.keys(all);
      if (!(host in all) && hosts.length >= MAX_PLACES) delete all[hosts[0]];
      await write(ITEMS.badgePlaces, { ...all, [host]: place });
      return { ok: true };
    });
  }
  return { handleContent };
}
