import { describe, expect, it } from 'vitest';
import { settingsWith } from '../../test/fixtures/settings';
import { english, inEnglish } from '../../test/fixtures/words';
import type { Settings } from './settings';
import { incoming, itemsOf, outgoing, quotaProblem, refusedMessage, type Shadow, type SyncItems } from './sync';

/** Two browsers and the sync area between them. */
function world(a: Settings, b: Settings) {
  const area: SyncItems = {};
  const side = (s: Settings) => ({ settings: s, shadow: {} as Shadow });
  const A = side(a);
  const B = side(b);
  let clock = 1000;
  const push = (x: typeof A) => {
    const out = outgoing(x.settings, x.shadow, ++clock);
    x.shadow = out.shadow;
    Object.assign(area, out.set);
  };
  const pull = (x: typeof A) => {
    const r = incoming(x.settings, x.shadow, area);
    x.settings = r.settings;
    x.shadow = r.shadow;
  };
  return { A, B, area, push, pull };
}

describe('sync', () => {
  it('a second browser gets domains, presets and choices', () => {
    const a = { ...settingsWith(['okteto.example.com']), presets: [{ namespace: 'alice', label: 'Alice' }] };
    const w = world(a, settingsWith([], { activeNamespace: '' }));
    w.push(w.A);
    w.pull(w.B);
    expect(w.B.settings.domains).toEqual(a.domains);
    expect(w.B.settings.presets).toEqual(a.presets);
    expect(w.B.settings.activeNamespace).toBe('alice');
  });

  it('resolves to the latest change per entry, and keeps what only one side has', () => {
    const w = world(settingsWith(['a.example.com']), settingsWith([]));
    w.push(w.A);
    w.pull(w.B);
    // A turns a.example.com off; later B changes its namespace and adds b.example.com.
    w.A.settings = { ...w.A.settings, domains: [{ domain: 'a.example.com', enabled: false }] };
    w.push(w.A);
    w.B.settings = {
      ...w.B.settings,
      domains: [
        { domain: 'a.example.com', enabled: true, namespace: 'bob' },
        { domain: 'b.example.com', enabled: true },
      ],
    };
    w.push(w.B);
    w.pull(w.A);
    w.pull(w.B);
    expect(w.A.settings.domains).toEqual([
      { domain: 'a.example.com', enabled: true, namespace: 'bob' },
      { domain: 'b.example.com', enabled: true },
    ]);
    expect(w.B.settings.domains).toEqual(w.A.settings.domains);
  });

  it('carries deletions, and an older deletion does not undo a newer edit', () => {
    const w = world(settingsWith(['a.example.com', 'b.example.com']), settingsWith([]));
    w.push(w.A);
    w.pull(w.B);
    w.A.settings = { ...w.A.settings, domains: w.A.settings.domains.filter((d) => d.domain !== 'b.example.com') };
    w.push(w.A);
    w.pull(w.B);
    expect(w.B.settings.domains.map((d) => d.domain)).toEqual(['a.example.com']);
    const stale: SyncItems = { 'd:a.example.com': { v: null, at: 1 } };
    expect(incoming(w.B.settings, w.B.shadow, stale).changed).toBe(false);
  });

  it('never syncs managed entries, and skips an item that would break the settings', () => {
    const s = settingsWith([{ domain: 'm.example.com', managed: true, team: 'ops' }, 'a.example.com']);
    const out = outgoing(s, {}, 5);
    expect(Object.keys(out.set).sort()).toEqual(['c:choices', 'd:a.example.com']);
    const bad: SyncItems = { 'd:evil': { v: { domain: 'com', enabled: true }, at: 99 } };
    expect(incoming(s, {}, bad)).toMatchObject({ changed: false });
  });

  it('says when the settings are more than sync holds', () => {
    const many: SyncItems = Object.fromEntries(
      Array.from({ length: 600 }, (_, i) => [`d:${i}.example.com`, { v: { domain: `${i}.example.com` }, at: 1 }]),
    );
    expect(inEnglish(quotaProblem(many))).toMatch(/more than browser sync holds/);
    expect(inEnglish(quotaProblem({ 'p:x': { v: 'x'.repeat(9000), at: 1 } }))).toMatch(/8 KB per entry/);
    expect(quotaProblem({ 'c:choices': { v: {}, at: 1 } })).toBeUndefined();
  });

  it('takes nothing from the sync area that the same input would be refused elsewhere', () => {
    const s = settingsWith(['okteto.example.com']);
    const at = 5000;
    const hostile: SyncItems = {
      // the choices item tried to replace the whole domain list
      'c:choices': { v: { activeNamespace: 'bob', paused: false, showPageBadge: true, recent: [], domains: [] }, at },
      'd:planted.example.org': { v: { domain: 'planted.example.org', enabled: true, managed: true, team: 'ops' }, at },
      'd:co.uk': { v: { domain: 'co.uk', enabled: true }, at },
      'd:github.io': { v: { domain: 'github.io', enabled: true }, at },
      'd:127.1': { v: { domain: '127.1', enabled: true }, at },
      'd:10.0.0.1': { v: { domain: '10.0.0.1', enabled: true }, at },
      'd:a.example.org': { v: { domain: 'b.example.org', enabled: true }, at },
      'd:c.example.org': { v: { domain: 'c.example.org', enabled: true, probeCookies: true }, at },
      'd:h.example.org': { v: { domain: 'h.example.org', enabled: true, namespaceFrom: { header: 'Set-Cookie' } }, at },
      's:http://evil.test/team.json': { v: { url: 'http://evil.test/team.json', team: 'evil' }, at },
      's:https://a.example.org/t.json': { v: { url: 'https://b.example.org/t.json', team: 'x' }, at },
      'p::alice': { v: { namespace: 'alice', managed: true }, at },
      'x:unknown': { v: 1, at },
      'd:future.example.org': { v: { domain: 'future.example.org', enabled: true }, at: Date.now() + 48 * 3600_000 },
    };
    const r = incoming(s, {}, hostile);
    expect(r.changed).toBe(false);
    expect(r.settings).toEqual(s);
    expect(Object.keys(r.refused).sort()).toEqual(Object.keys(hostile).sort());
    expect(inEnglish(r.refused['d:co.uk'])).toMatch(/public suffix/);
    expect(inEnglish(r.refused['d:127.1'])).toMatch(/IP address/);
    expect(
      refusedMessage(english, Object.fromEntries(Object.entries(r.refused).map(([k, p]) => [k, inEnglish(p) as string]))),
    ).toMatch(/^Ignored 14 synced entries this browser would refuse/);
    // the same shapes, made valid, are taken
    const fine = incoming(s, {}, { 'd:a.example.org': { v: { domain: 'a.example.org', enabled: true }, at } });
    expect(fine.settings.domains.map((d) => d.domain)).toEqual(['okteto.example.com', 'a.example.org']);
  });

  it("turning sync on loses nothing local: old remote tombstones and values do not win over this browser's entries", () => {
    const month = 30 * 24 * 3600_000;
    const now = Date.now();
    // Browser B deleted okteto.example.com a month ago and set api.example.net → old-ns.
    const remote: SyncItems = {
      'd:okteto.example.com': { v: null, at: now - month },
      'd:api.example.net': { v: { domain: 'api.example.net', enabled: true, namespace: 'old-ns' }, at: now - month },
      'd:only-remote.example.org': { v: { domain: 'only-remote.example.org', enabled: false }, at: now - month },
      'c:choices': { v: { activeNamespace: 'old-ns', paused: true, showPageBadge: true, recent: [] }, at: now - month },
    };
    // Browser A, sync off, has both entries (newer, but with no times) and its own choices.
    const a = settingsWith(['okteto.example.com', { domain: 'api.example.net', namespace: 'new-ns' }]);
    const r = incoming(a, {}, remote, { first: true });
    expect(r.settings.domains).toEqual([...a.domains, { domain: 'only-remote.example.org', enabled: false }]);
    expect(r.settings.activeNamespace).toBe(a.activeNamespace);
    expect(r.settings.paused).toBe(false);
    // what A then pushes carries its own entries over the remote ones
    const out = outgoing(r.settings, r.shadow, now);
    expect(out.set['d:okteto.example.com'].v).toEqual(itemsOf(a)['d:okteto.example.com']);
    expect(out.set['d:api.example.net'].v).toMatchObject({ namespace: 'new-ns' });
    // a fresh browser takes the remote choices
    expect(incoming(settingsWith([], { activeNamespace: '' }), {}, remote, { first: true }).settings.activeNamespace).toBe(
      'old-ns',
    );
  });

  it("never sends this browser's probe-cookie choice, and keeps it when the entry comes back changed", () => {
    const s = settingsWith([{ domain: 'okteto.example.com', probeCookies: true }]);
    expect(JSON.stringify(outgoing(s, {}, 1).set)).not.toContain('probeCookies');
    const r = incoming(s, {}, { 'd:okteto.example.com': { v: { domain: 'okteto.example.com', enabled: false }, at: 5 } });
    expect(r.settings.domains).toEqual([{ domain: 'okteto.example.com', enabled: false, probeCookies: true }]);
  });
});
