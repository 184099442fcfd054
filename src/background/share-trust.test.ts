import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type Background, boot, env } from '../../test/fakes/background';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// Attacker tests from issue 33 (trust, third round): what a page, a sync or an import can make a
// share link do.

const APP = 'http://movies-staging.okteto.example.com/movies';
const pins = async () => ((await env.current.fake.storage.session.get('pins')).pins ?? {}) as Record<number, string>;
const shared = async () =>
  ((await env.current.fake.storage.session.get('shared')).shared ?? {}) as Record<
    number,
    { namespace: string; url: string; status?: string } | undefined
  >;

async function load(bg: Background, tabId: number, url: string) {
  const tab = env.current.tabs.find((t) => t.id === tabId);
  if (tab) tab.url = url;
  else env.current.tabs.push({ id: tabId, url });
  env.current.fake.tabs.onUpdated.fire(tabId, { url }, { id: tabId, url });
  env.current.fake.webRequest.onCompleted.fire({ tabId, url, type: 'main_frame', fromCache: false });
  await bg.settle();
}

describe('share links against a hostile page, sync or import', () => {
  let bg: Background;
  beforeEach(async () => {
    bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'bob' });
    await bg.send({ type: 'enableForHost', host: 'movies-staging.okteto.example.com' });
  });

  // Issue 33 (4): "make state writes never fail because of diagnostics" holds for the logs, but a
  // share question stores the link's whole URL (up to Chrome's 2 MiB), unbounded, in the same
  // area. A page navigates a handful of tabs to padded links on a diverted host (no question
  // needs an answer): the area fills, and the next state writes (pins, questions, served-by) fail.
  // The answer schema also caps the URL at 8 KiB, so a question about a longer link can never be
  // answered "Open" at all.
  it('a share question cannot fill storage.session, and every question asked can be answered', async () => {
    const pad = 'a'.repeat(2_096_000);
    for (const tabId of [10, 11, 12, 13, 14]) {
      await load(bg, tabId, `${APP}?p=${tabId}${pad}#:~:okteto-divert=mallory`).catch(() => undefined);
    }
    const bytes = await (env.current.fake.storage.session as unknown as { getBytesInUse: () => Promise<number> }).getBytesInUse();
    expect(bytes).toBeLessThan(1024 * 1024);
    // Another tab's state still saves.
    expect(await bg.send({ type: 'pinTab', tabId: 20, namespace: 'bob' })).toEqual({ ok: true });
    expect(await pins()).toMatchObject({ 20: 'bob' });
    // Whatever was recorded as a question, the popup can answer with what it shows.
    for (const [tabId, q] of Object.entries(await shared())) {
      if (q?.status !== 'asking') continue;
      const reply = await bg.send({
        type: 'answerShareLink',
        tabId: Number(tabId),
        open: false,
        namespace: q.namespace,
        url: q.url,
      });
      expect(reply, `tab ${tabId}`).toEqual({ ok: true });
    }
  }, 60_000);

  // Issue 33 (1), migration: a profile from before the list, with sync turned on once and off again
  // (turning it off clears the shadow, so syncState says "never"), seeds the list with every name
  // sync brought. The settings kept aside "before sync was turned on" say sync was on once.
  it('a profile that had sync on once does not count what sync brought as chosen here', async () => {
    expect(await bg.send({ type: 'setSync', enabled: true })).toMatchObject({ ok: true });
    const choices = { activeNamespace: 'synced', paused: false, showPageBadge: true, recent: ['synced', 'bob'] };
    await env.current.fake.storage.sync.set({ 'c:choices': { v: choices, at: Date.now() + 60_000 } });
    await bg.settle();
    expect((await bg.settings()).activeNamespace).toBe('synced');
    expect(await bg.send({ type: 'setSync', enabled: false })).toMatchObject({ ok: true });
    // As an older version left it: no list (it never wrote one), the copy kept aside still there.
    await env.current.fake.storage.local.remove('chosenHere');
    expect(env.current.fake.storage.local.dump().settingsAside).toBeDefined();
    const again = await boot({ wake: true });
    await again.settle();
    await load(again, 5, `${APP}#:~:okteto-divert=synced`);
    expect(await pins()).toEqual({});
    expect((await shared())[5]).toMatchObject({ namespace: 'synced', status: 'asking' });
  });

  // Issue 33 (1): an import of someone else's ModHeader/Requestly export makes every namespace in
  // it an own preset, and so "chosen here": a page can then pin a tab to any of them, no question.
  it('names a header-rules import brings in ask before a share link applies them', async () => {
    const { exportText } = await import('../../test/fixtures/bad-header-exports');
    expect(await bg.send({ type: 'importHeaderRules', text: exportText('requestly-v3') })).toMatchObject({ ok: true });
    await load(bg, 5, `${APP}#:~:okteto-divert=dave`);
    expect(await pins()).toEqual({});
    expect((await shared())[5]).toMatchObject({ namespace: 'dave', status: 'asking' });
  });
});
