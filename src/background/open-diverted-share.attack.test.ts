import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type Background, boot, env } from '../../test/fakes/background';
import { SHARE_URL_MAX } from '../core/share-link';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// Attack review s12b. Failed at 822ca8c (passed at 7167528), passes since withoutShare drops every
// directive past SHARE_URL_MAX when ours is among them. At 822ca8c it returned a URL past
// SHARE_URL_MAX unchanged, so "Open diverted to ▸ staging" on a link the page wrote past the limit
// loads it with the page's `#:~:okteto-divert=alice` still in it. Where it loads it is ignored (too
// long), but an HTTP redirect keeps the fragment (RFC 9110 §10.2.2; Chrome and Firefox copy it to a
// Location without one): the diverted site answering `?pad=<8 KB>` with a redirect to its login
// page or to `/` (common) makes the tab's next document load `/login#:~:okteto-divert=alice`,
// short, and the link re-pins the tab the person opened for staging to alice (a name chosen before
// applies by itself). The SECURITY.md row "Link URLs under Open diverted to" says it cannot.

const APP = 'http://movies-staging.okteto.example.com/movies';
const pins = async () => ((await env.current.fake.storage.session.get('pins')).pins ?? {}) as Record<number, string>;

describe('"Open diverted to" a link past SHARE_URL_MAX (attack review s12b)', () => {
  let bg: Background;
  beforeEach(async () => {
    bg = await boot();
    await bg.send({ type: 'addPreset', namespace: 'staging', label: 'Shared' });
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'enableForHost', host: 'movies-staging.okteto.example.com' });
    await bg.settle();
  });

  it('opens the namespace clicked, whatever share directive the page put in a link past the limit, even after a redirect', async () => {
    const onClicked = env.current.fake.contextMenus.onClicked.fire;
    const updates: string[] = [];
    const update = env.current.fake.tabs.update;
    env.current.fake.tabs.update = async (id: number, props: { url: string }) => {
      updates.push(props.url);
      return update(id, props);
    };
    const link = `${APP}?pad=${'a'.repeat(SHARE_URL_MAX)}#:~:okteto-divert=alice`;
    onClicked({ menuItemId: 'open-diverted:staging', linkUrl: link }, { id: 1 });
    await bg.settle();
    const [tabId] = Object.keys(await pins()).map(Number);
    expect(await pins()).toEqual({ [tabId]: 'staging' });
    // The server redirects the long URL to /login; the fragment the tab was sent with stays.
    const fragment = updates[0]?.slice(updates[0].indexOf('#')) ?? '';
    const landed = `http://movies-staging.okteto.example.com/login${fragment}`;
    const tab = env.current.tabs.find((t) => t.id === tabId);
    if (tab) tab.url = landed;
    env.current.fake.tabs.onUpdated.fire(tabId, { url: landed }, { id: tabId, url: landed });
    env.current.fake.webRequest.onCompleted.fire({ tabId, url: landed, type: 'main_frame', fromCache: false });
    await bg.settle();
    // The tab the person opened for staging stays on staging.
    expect(await pins()).toEqual({ [tabId]: 'staging' });
    expect(updates[0]?.includes('okteto-divert=')).toBe(false);
  });
});
