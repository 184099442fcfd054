import { describe, expect, it } from 'vitest';
import { settingsWith } from '../../test/fixtures/settings';
import type { Settings } from './settings';
import { incoming, outgoing, quotaProblem, type Shadow, type SyncItems } from './sync';

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
    expect(quotaProblem(many)).toMatch(/more than browser sync holds/);
    expect(quotaProblem({ 'p:x': { v: 'x'.repeat(9000), at: 1 } })).toMatch(/8 KB per entry/);
    expect(quotaProblem({ 'c:choices': { v: {}, at: 1 } })).toBeUndefined();
  });
});
