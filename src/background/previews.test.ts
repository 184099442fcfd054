import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type Background, boot, env } from '../../test/fakes/background';

vi.mock('webextension-polyfill', async () => ({ default: (await import('../../test/fakes/background')).fakeApi }));

// Pull-request previews through the link menu, and a browser without menus or shortcuts.

const INSTANCE = 'https://okteto.dev.example.com';
const SITE = 'http://movies-staging.okteto.example.com';
const pins = async () => ((await env.current.fake.storage.session.get('pins')).pins ?? {}) as Record<number, string>;
const lastPages = async () => (await env.current.fake.storage.session.get('lastPages')).lastPages;

/** A tab shows `url` (tabs.onUpdated, as a navigation or a page's own pushState reports it). */
async function show(bg: Background, tabId: number, url: string, incognito = false) {
  env.current.tabs.push({ id: tabId, url });
  env.current.fake.tabs.onUpdated.fire(tabId, { url }, { id: tabId, url, incognito });
  await bg.settle();
}

/** A click on "The preview in this link" on a link to `linkUrl`; returns the URLs opened tabs loaded. */
async function clickPreview(bg: Background, linkUrl: string): Promise<{ pinned?: string; url: string }[]> {
  const updates: { pinned?: string; url: string }[] = [];
  const update = env.current.fake.tabs.update;
  env.current.fake.tabs.update = async (id: number, props: { url: string }) => {
    updates.push({ pinned: (await pins())[id], url: props.url });
    return update(id, props);
  };
  env.current.fake.contextMenus.onClicked.fire(
    { menuItemId: 'open-diverted-preview', linkUrl },
    { id: 1, index: 0, windowId: 1 },
  );
  await bg.settle();
  env.current.fake.tabs.update = update;
  return updates;
}

describe('"Open diverted to ▸ The preview in this link"', () => {
  let bg: Background;
  beforeEach(async () => {
    bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'enableForHost', host: 'movies-staging.okteto.example.com' });
    await bg.settle();
    // Connected after the site was diverted: the menu follows the instances too.
    await env.current.fake.storage.local.set({
      oktetoInstances: [{ url: INSTANCE, namespaces: ['staging', 'pr-12'], previews: { 'pr-12': {} } }],
    });
    await bg.settle();
  });

  it('is offered on the connected instance’s links', async () => {
    expect(env.current.menus.find((m) => m.id === 'open-diverted')?.targetUrlPatterns).toContain(
      'https://okteto.dev.example.com/*',
    );
    expect(env.current.menus.find((m) => m.id === 'open-diverted-preview')).toEqual({
      id: 'open-diverted-preview',
      parentId: 'open-diverted',
      title: 'The preview in this link, on your site',
      contexts: ['link'],
      targetUrlPatterns: ['https://okteto.dev.example.com/*'],
    });
  });

  it('opens the site at its last page, pinned to the preview before it loads; the saved namespace stays', async () => {
    await show(bg, 3, `${SITE}/movies/42?session=s3cret#cast`);
    expect(await lastPages()).toEqual({ 'okteto.example.com': { url: `${SITE}/movies/42`, at: expect.any(Number) } });
    expect(await clickPreview(bg, `${INSTANCE}/#/previews/pr-12`)).toEqual([{ pinned: 'pr-12', url: `${SITE}/movies/42` }]);
    expect((await bg.settings()).activeNamespace).toBe('alice');
    expect((await bg.settings()).recent).not.toContain('pr-12');
  });

  it('opens the site’s root when no page of it was used; remembers no private window’s page', async () => {
    await show(bg, 4, `${SITE}/private-thing`, true);
    expect(await lastPages()).toBeUndefined();
    expect(await clickPreview(bg, `${INSTANCE}/#/previews/pr-12`)).toEqual([
      { pinned: 'pr-12', url: 'https://okteto.example.com/' },
    ]);
  });

  it('a forged link opens nothing: another origin, a bad or huge name, a paused or undiverted site', async () => {
    for (const link of [
      'https://okteto.dev.example.com.evil.test/#/previews/pr-12',
      'https://okteto.dev.example.com:8443/#/previews/pr-12',
      'http://okteto.dev.example.com/#/previews/pr-12',
      `${INSTANCE}/#/previews/Mallory`,
      `${INSTANCE}/#/previews/a,okteto-divert=b`,
      `${INSTANCE}/#/previews/${'a'.repeat(100_000)}`,
      `${INSTANCE}/#/namespaces/pr-12`,
    ])
      expect(await clickPreview(bg, link), link).toEqual([]);
    await bg.send({ type: 'setPaused', paused: true });
    await bg.settle();
    expect(await clickPreview(bg, `${INSTANCE}/#/previews/pr-12`)).toEqual([]);
    expect(await pins()).toEqual({});
  });
});

describe('a preview link naming a name its instance does not list as a preview', () => {
  // The menu item says only "The preview in this link, on your site": the user never sees the
  // name, and a link's text can differ from its href (`[…/#/previews/pr-12](…/#/previews/mallory)`
  // in any PR comment, or an href swapped on contextmenu). So the click cannot be the user
  // choosing `mallory`: only a preview the instance lists may be pinned by it.
  let bg: Background;
  const shared = async () =>
    ((await env.current.fake.storage.session.get('shared')).shared ?? {}) as Record<number, Record<string, string>>;
  beforeEach(async () => {
    bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'enableForHost', host: 'movies-staging.okteto.example.com' });
    await bg.settle();
    await env.current.fake.storage.local.set({ oktetoInstances: [{ url: INSTANCE, namespaces: ['staging', 'pr-12'] }] });
    await bg.settle();
  });

  it('pins nothing to a name the connected instance does not list as a preview or namespace', async () => {
    expect(await clickPreview(bg, `${INSTANCE}/#/previews/mallory`)).toEqual([]);
    expect(await pins()).toEqual({});
  });

  it('opens the site unpinned, and the popup asks, saying where the name is known from', async () => {
    const created = env.current.tabs.length;
    expect(await clickPreview(bg, `${INSTANCE}/#/previews/mallory`)).toEqual([]);
    const tab = env.current.tabs.slice(created).at(-1);
    expect(tab?.url).toBe('https://okteto.example.com/');
    expect(await shared()).toEqual({
      [tab?.id as number]: { namespace: 'mallory', url: 'https://okteto.example.com/', status: 'asking', preview: 'unlisted' },
    });
    // pr-12 is only someone's namespace on this instance (not a preview): asked too, never pinned.
    await clickPreview(bg, `${INSTANCE}/#/previews/pr-12`);
    const other = env.current.tabs.at(-1);
    expect((await shared())[other?.id as number]).toMatchObject({ namespace: 'pr-12', status: 'asking', preview: 'namespace' });
    expect(await pins()).toEqual({});
    // The popup's answer to the question it showed pins the tab, as for a share link.
    const asked = { namespace: 'mallory', url: 'https://okteto.example.com/' };
    expect(await bg.send({ type: 'answerShareLink', tabId: tab?.id as number, open: true, ...asked })).toMatchObject({
      ok: true,
    });
    expect((await pins())[tab?.id as number]).toBe('mallory');
  });
});

describe('pages remembered for preview links', () => {
  it('none while divert is paused', async () => {
    const bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'enableForHost', host: 'movies-staging.okteto.example.com' });
    await bg.send({ type: 'setPaused', paused: true });
    await bg.settle();
    await show(bg, 5, `${SITE}/movies/7`);
    expect(await lastPages()).toBeUndefined();
  });

  it('none of a site whose access was taken back', async () => {
    const bg = await boot();
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    await bg.send({ type: 'enableForHost', host: 'movies-staging.okteto.example.com' });
    await env.current.fake.permissions.remove({ origins: ['*://*/*'] });
    await bg.settle();
    await show(bg, 5, `${SITE}/movies/7`);
    expect(await lastPages()).toBeUndefined();
  });
});

describe('a browser without context menus, commands or DevTools (Firefox for Android)', () => {
  it('starts, diverts, and builds no menu', async () => {
    const bg = await boot({ android: true });
    expect('contextMenus' in env.current.fake).toBe(false);
    expect('commands' in env.current.fake).toBe(false);
    await bg.send({ type: 'setNamespace', namespace: 'alice' });
    expect(await bg.send({ type: 'enableForHost', host: 'movies-staging.okteto.example.com' })).toMatchObject({ ok: true });
    await bg.settle();
    const rules = await env.current.dynamic.get();
    expect(rules.map((r) => r.action.requestHeaders?.[0]?.value)).toContain('okteto-divert=alice');
    expect(env.current.menus).toEqual([]);
  });
});
