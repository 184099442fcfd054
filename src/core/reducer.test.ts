import { describe, expect, it } from 'vitest';
import { settingsWith } from '../../test/fixtures/settings';
import { inEnglish } from '../../test/fixtures/words';
import { planForHost, reduce } from './reducer';
import type { Settings } from './settings';

const apply = (s: Settings, cmd: Parameters<typeof reduce>[1]) => {
  const r = reduce(s, cmd);
  if (r.error !== undefined) throw new Error(inEnglish(r.error));
  return r.value.settings;
};

describe('reduce', () => {
  it('"Divert this site" adds the parent entry so sibling endpoints are covered', () => {
    const r = reduce(settingsWith([]), { type: 'enableForHost', host: 'movies-staging.okteto.example.com' });
    expect(r.value?.value).toBe('okteto.example.com');
    expect(r.value?.settings.domains).toEqual([{ domain: 'okteto.example.com', enabled: true }]);
  });

  it('"Divert this site" switches on the entry that already covers the host', () => {
    const s = settingsWith([{ domain: 'okteto.example.com', enabled: false, namespace: 'bob' }]);
    expect(apply(s, { type: 'enableForHost', host: 'a.okteto.example.com' }).domains).toEqual([
      { domain: 'okteto.example.com', enabled: true, namespace: 'bob' },
    ]);
  });

  it('"Divert this site" on an Okteto endpoint saves its namespace in the same step, or nothing', () => {
    // The popup sends the endpoint's namespace only when none is saved (core/popup-view.ts).
    const s = { ...settingsWith([]), activeNamespace: '', recent: ['bob'] };
    const host = 'movies-alice.okteto.example.com';
    const next = apply(s, { type: 'enableForHost', host, namespace: 'alice' });
    expect(next.domains).toEqual([{ domain: 'okteto.example.com', enabled: true }]);
    expect(next.activeNamespace).toBe('alice');
    expect(next.recent).toEqual(['alice', 'bob']);
    expect(inEnglish(reduce(s, { type: 'enableForHost', host, namespace: 'Not_A_Namespace' }).error)).toMatch(/lowercase/);
    expect(inEnglish(reduce(s, { type: 'enableForHost', host: '127.0.0.1', namespace: 'alice' }).error)).toMatch(/IP address/);
  });

  it('refuses hosts that cannot be an entry', () => {
    expect(inEnglish(reduce(settingsWith([]), { type: 'enableForHost', host: '127.0.0.1' }).error)).toMatch(/IP address/);
    expect(inEnglish(reduce(settingsWith([]), { type: 'enableForHost', host: '0x7f.0.0.1' }).error)).toMatch(/IP address/);
  });

  it('never widens to the registrable domain or a shared Okteto domain by itself; the wide entry is an explicit choice', () => {
    expect(planForHost('app.example.com')).toEqual({ suggested: 'app.example.com', wider: 'example.com' });
    expect(apply(settingsWith([]), { type: 'enableForHost', host: 'app.example.com' }).domains).toEqual([
      { domain: 'app.example.com', enabled: true },
    ]);
    expect(apply(settingsWith([]), { type: 'enableForHost', host: 'app.example.com', wide: true }).domains).toEqual([
      { domain: 'example.com', enabled: true },
    ]);
    const tenant = 'movies-alice.cloud.okteto.net';
    expect(planForHost(tenant)).toEqual({ suggested: tenant });
    expect(inEnglish(reduce(settingsWith([]), { type: 'enableForHost', host: tenant, wide: true }).error)).toMatch(
      /no wider entry/,
    );
  });

  it('adds a domain from a pasted URL, refuses duplicates and bad domains', () => {
    const s = apply(settingsWith([]), { type: 'addDomain', domain: 'https://okteto.example.com/x', enabled: true });
    expect(s.domains).toEqual([{ domain: 'okteto.example.com', enabled: true }]);
    expect(inEnglish(reduce(s, { type: 'addDomain', domain: 'okteto.example.com', enabled: true }).error)).toMatch(/already/);
    expect(inEnglish(reduce(s, { type: 'addDomain', domain: 'co.uk', enabled: true }).error)).toMatch(/public suffix/);
  });

  it('narrows an entry to one host, keeping its choices', () => {
    const s = settingsWith([{ domain: 'okteto.example.com', namespace: 'bob' }]);
    expect(apply(s, { type: 'replaceDomain', from: 'okteto.example.com', to: 'movies.okteto.example.com' }).domains).toEqual([
      { domain: 'movies.okteto.example.com', enabled: true, namespace: 'bob' },
    ]);
  });

  it('narrowing a team entry keeps the team entry, switched off', () => {
    const s = settingsWith([{ domain: 'okteto.example.com', team: 'movies' }]);
    expect(apply(s, { type: 'replaceDomain', from: 'okteto.example.com', to: 'movies.okteto.example.com' }).domains).toEqual([
      { domain: 'okteto.example.com', enabled: false, team: 'movies' },
      { domain: 'movies.okteto.example.com', enabled: true },
    ]);
  });

  it('sets the namespace and remembers it as recent, newest first, at most 10', () => {
    let s = settingsWith([]);
    for (let i = 0; i < 12; i++) s = apply(s, { type: 'setNamespace', namespace: `ns${i}` });
    s = apply(s, { type: 'setNamespace', namespace: 'ns5' });
    expect(s.activeNamespace).toBe('ns5');
    expect(s.recent[0]).toBe('ns5');
    expect(s.recent).toHaveLength(10);
    expect(new Set(s.recent).size).toBe(10);
  });

  it('refuses a bad namespace with the rule, changing nothing', () => {
    const s = settingsWith([]);
    const before = JSON.stringify(s);
    expect(inEnglish(reduce(s, { type: 'setNamespace', namespace: 'Bad NS' }).error)).toMatch(/lowercase letters/);
    expect(JSON.stringify(s)).toBe(before);
  });

  it('overrides and clears a per-domain namespace', () => {
    let s = settingsWith(['a.example.com']);
    s = apply(s, { type: 'setDomainNamespace', domain: 'a.example.com', namespace: 'bob' });
    expect(s.domains[0].namespace).toBe('bob');
    s = apply(s, { type: 'setDomainNamespace', domain: 'a.example.com', namespace: null });
    expect(s.domains[0]).toEqual({ domain: 'a.example.com', enabled: true });
  });

  it('will not remove a managed entry, nor act on unknown domains', () => {
    const s = settingsWith([{ domain: 'a.example.com', managed: true }]);
    expect(inEnglish(reduce(s, { type: 'removeDomain', domain: 'a.example.com' }).error)).toMatch(/administrator/);
    expect(apply(s, { type: 'setDomainEnabled', domain: 'a.example.com', enabled: false }).domains[0].enabled).toBe(false);
    expect(inEnglish(reduce(s, { type: 'removeDomain', domain: 'b.example.com' }).error)).toMatch(/not in your domain list/);
  });

  it('pauses and resumes, keeping every setting', () => {
    const s = settingsWith(['a.example.com']);
    const paused = apply(s, { type: 'setPaused', paused: true });
    expect({ ...paused, paused: false }).toEqual(s);
  });
});

describe('planForHost', () => {
  it('says what would be added, from the host alone', () => {
    expect(planForHost('movies.other.example.org')).toEqual({ suggested: 'other.example.org' });
    expect(inEnglish(planForHost('localhost').error)).toBeTruthy();
  });
});

describe('presets', () => {
  const base = () =>
    apply(apply(settingsWith([]), { type: 'addPreset', namespace: 'alice', label: ' Alice ' }), {
      type: 'addPreset',
      namespace: 'bob',
      label: '',
    });

  it('adds own presets with a trimmed label, refusing bad or duplicate namespaces', () => {
    const s = base();
    expect(s.presets).toEqual([{ namespace: 'alice', label: 'Alice' }, { namespace: 'bob' }]);
    expect(inEnglish(reduce(s, { type: 'addPreset', namespace: 'alice', label: '' }).error)).toMatch(/already/);
    expect(inEnglish(reduce(s, { type: 'addPreset', namespace: 'Al ice', label: '' }).error)).toMatch(/lowercase letters/);
  });

  it('renames, reorders and removes', () => {
    let s = apply(base(), { type: 'renamePreset', namespace: 'bob', label: 'Bob' });
    expect(s.presets[1]).toEqual({ namespace: 'bob', label: 'Bob' });
    s = apply(s, { type: 'renamePreset', namespace: 'bob', label: '  ' });
    expect(s.presets[1]).toEqual({ namespace: 'bob' });
    s = apply(s, { type: 'movePreset', namespace: 'bob', index: 0 });
    expect(s.presets.map((p) => p.namespace)).toEqual(['bob', 'alice']);
    s = apply(s, { type: 'movePreset', namespace: 'bob', index: 99 });
    expect(s.presets.map((p) => p.namespace)).toEqual(['alice', 'bob']);
    s = apply(s, { type: 'removePreset', namespace: 'alice' });
    expect(s.presets).toEqual([{ namespace: 'bob' }]);
  });

  it('leaves team and managed presets to their source', () => {
    const s = {
      ...settingsWith([]),
      presets: [
        { namespace: 'alice', team: 'movies' },
        { namespace: 'ops', managed: true },
      ],
    };
    expect(inEnglish(reduce(s, { type: 'removePreset', namespace: 'alice' }).error)).toMatch(/team movies/);
    expect(inEnglish(reduce(s, { type: 'renamePreset', namespace: 'ops', label: 'x' }).error)).toMatch(/administrator/);
    // the user may still keep an own preset of the same namespace
    expect(apply(s, { type: 'addPreset', namespace: 'alice', label: 'mine' }).presets).toHaveLength(3);
  });
});
