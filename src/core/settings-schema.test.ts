import { describe, expect, it } from 'vitest';
import { settingsWith } from '../../test/fixtures/settings';
import { inEnglish } from '../../test/fixtures/words';
import { DEFAULTS, entryCovering, SCHEMA_VERSION } from './settings';
import { migrate, repairSettings, validateSettings } from './settings-schema';

describe('migrate', () => {
  it('gives the defaults when nothing is stored', () => {
    expect(migrate(undefined)).toEqual({ value: DEFAULTS });
    expect(migrate(null)).toEqual({ value: DEFAULTS });
  });

  it('keeps valid current settings as they are', () => {
    const s = settingsWith(['okteto.example.com', { domain: 'b.example.com', namespace: 'bob', team: 'movies' }]);
    expect(migrate(structuredClone(s))).toEqual({ value: s });
  });

  it('refuses settings from a newer version, saying so', () => {
    expect(inEnglish(migrate({ ...DEFAULTS, schemaVersion: SCHEMA_VERSION + 1 }).error)).toMatch(/newer Divert Switch/);
  });

  it('refuses blobs that are not settings', () => {
    for (const bad of ['x', 3, [], { schemaVersion: 0 }, { schemaVersion: '1' }, {}])
      expect(inEnglish(migrate(bad).error)).toBeTruthy();
  });
});

describe('validateSettings', () => {
  it('names the path of the first problem', () => {
    const bad = {
      ...settingsWith(['a.example.com']),
      domains: [
        { domain: 'a.example.com', enabled: true },
        { domain: 'com', enabled: true },
      ],
    };
    expect(inEnglish(validateSettings(bad).error)).toMatch(/domains\[1\]\.domain/);
    expect(inEnglish(validateSettings({ ...DEFAULTS, activeNamespace: 'Bad NS' }).error)).toMatch(/activeNamespace/);
    expect(inEnglish(validateSettings({ ...DEFAULTS, paused: 'yes' }).error)).toMatch(/paused/);
  });

  it('refuses a domain listed twice', () => {
    expect(inEnglish(validateSettings(settingsWith(['a.example.com', 'a.example.com'])).error)).toMatch(/listed twice/);
  });
});

describe('entryCovering', () => {
  it('prefers the most specific entry', () => {
    const s = settingsWith(['okteto.example.com', 'movies.okteto.example.com']);
    expect(entryCovering(s, 'movies.okteto.example.com')?.domain).toBe('movies.okteto.example.com');
    expect(entryCovering(s, 'x.okteto.example.com')?.domain).toBe('okteto.example.com');
    expect(entryCovering(s, 'notokteto.example.com')).toBeUndefined();
  });
});

describe('migrations from every past schema', () => {
  it('v1 (before subscriptions) keeps everything and gains an empty subscription list', async () => {
    const v1 = (await import('../../test/fixtures/settings/v1.json')).default;
    const r = migrate(structuredClone(v1));
    expect(inEnglish(r.error)).toBeUndefined();
    const { schemaVersion, subscriptions, ...rest } = r.value as NonNullable<typeof r.value>;
    const { schemaVersion: _old, ...v1rest } = v1;
    expect(schemaVersion).toBe(SCHEMA_VERSION);
    expect(subscriptions).toEqual([]);
    expect(rest).toEqual(v1rest);
  });
});

describe('repairSettings', () => {
  const good = { domain: 'okteto.example.com', enabled: true };
  const base = { ...DEFAULTS, domains: [good] };

  it('keeps what it can read and names what it set aside', () => {
    const r = repairSettings({ ...base, domains: [good, { domain: 'x', enabled: 'on' }, good], showPageBadge: 3 });
    expect(r?.value.domains).toEqual([good]);
    expect(r?.value.showPageBadge).toBe(true);
    expect(r?.setAside).toEqual(['domains[1]', 'domains[2]', 'showPageBadge']);
  });

  it('migrates an older schema first, and repairs nothing it cannot read the version of', () => {
    const { subscriptions: _none, ...v1 } = { ...base, schemaVersion: 1, recent: ['Bad Name', 'alice'] };
    expect(repairSettings(v1)?.value).toMatchObject({ schemaVersion: 2, subscriptions: [], recent: ['alice'] });
    expect(repairSettings({ ...base, schemaVersion: 99 })).toBeUndefined();
    expect(repairSettings({ ...base, schemaVersion: undefined })).toBeUndefined();
    expect(repairSettings('garbage')).toBeUndefined();
    expect(repairSettings([base])).toBeUndefined();
  });
});

// Each case below stands on a line the mutation tests (docs/mutation.md) showed no test stood on.
describe('stored settings, case by case', () => {
  const good = { domain: 'okteto.example.com', enabled: true };
  const base = { ...DEFAULTS, domains: [good] };

  it('says which of the three ways a blob is not settings', () => {
    for (const bad of ['x', 3, [], true])
      expect(inEnglish(migrate(bad).error), JSON.stringify(bad)).toBe('Stored settings are not an object.');
    for (const bad of [{}, { schemaVersion: 0 }, { schemaVersion: '1' }, { schemaVersion: 1.5 }])
      expect(inEnglish(migrate(bad).error), JSON.stringify(bad)).toBe('Stored settings have no schema version.');
    expect(inEnglish(validateSettings({ ...base, domains: [good, { domain: 'com', enabled: true }] }).error)).toBe(
      'Settings: domains[1].domain is not a host name.',
    );
  });

  it('keeps every optional field a current blob can hold', () => {
    const full = settingsWith([{ domain: 'a.example.com', probeCookies: true, namespaceFrom: { header: 'x-ns' } }], {
      subscriptions: [{ url: 'https://example.com/movies.json', team: 'movies' }],
      presets: [{ namespace: 'bob', label: 'Bob', team: 'movies', managed: true }],
      keepPageBaggage: true,
      divertUntil: 5,
    });
    expect(validateSettings(structuredClone(full))).toEqual({ value: full });
    expect(repairSettings(structuredClone(full))).toStrictEqual({ value: full, setAside: [] });
  });

  it('a list that is not a list is set aside whole; a list past its limit keeps its first entries', () => {
    const names = Array.from({ length: 12 }, (_, i) => `ns-${i}`);
    const r = repairSettings({ ...base, presets: 'oops', recent: names });
    expect(r?.value.presets).toEqual([]);
    expect(r?.value.recent).toEqual(names.slice(0, 10));
    expect(r?.setAside).toEqual(['presets', 'recent[10]', 'recent[11]']);
  });

  it('a bad entry does not take the domain of a good one after it; only domains are one per name', () => {
    const bad = { domain: 'okteto.example.com', enabled: 'on' };
    expect(repairSettings({ ...base, domains: [bad, good, null] })).toMatchObject({
      value: { domains: [good] },
      setAside: ['domains[0]', 'domains[2]'],
    });
    // A field another version added to a preset is no domain: two presets with it both stay.
    const presets = [
      { namespace: 'a', domain: 'x.example.com' },
      { namespace: 'b', domain: 'x.example.com' },
    ];
    expect(repairSettings({ ...base, presets, recent: [null, 'alice'] })?.setAside).toEqual(['recent[0]']);
  });

  it('a bad optional switch is dropped, not set to undefined beside the others', () => {
    const r = repairSettings({ ...base, keepPageBaggage: 'yes', notifyChanges: undefined });
    expect(r).toStrictEqual({ value: base, setAside: ['keepPageBaggage'] });
  });
});
