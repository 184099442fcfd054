import { describe, expect, it } from 'vitest';
import { BAD_PRESET_FILES as BAD } from '../../test/fixtures/bad-presets';
import movies from '../../test/fixtures/presets/movies.json';
import { settingsWith } from '../../test/fixtures/settings';
import { inEnglish } from '../../test/fixtures/words';
import { describeSignal, exportPresets, mergeTeam, parsePresetFile, previewCounts, removeTeam, type TeamFile } from './presets';
import { DEFAULTS, type Settings } from './settings';

const text = (o: unknown) => JSON.stringify(o);
const parse = (o: unknown) => {
  const r = parsePresetFile(typeof o === 'string' ? o : text(o));
  if (r.error !== undefined) throw new Error(inEnglish(r.error));
  return r.value.file;
};
const with_ = (patch: Record<string, unknown>) => ({ ...structuredClone(movies), ...patch });

describe('parsePresetFile', () => {
  it('reads the contract example', () => {
    const r = parsePresetFile(text(movies));
    expect(r.value?.file).toEqual(movies);
    expect(r.value?.warnings).toEqual([]);
  });

  it('normalizes domains and lists unknown keys as warnings', () => {
    const r = parsePresetFile(
      text({
        ...with_({ domains: [{ domain: 'HTTPS://Okteto.Example.com/x', colour: 'red' }] }),
        owner: 'ops',
        namespaces: [{ namespace: 'a', x: 1 }],
      }),
    );
    expect(r.value?.file.domains).toEqual([{ domain: 'okteto.example.com' }]);
    expect(r.value?.warnings).toEqual(['domains[0].colour', 'namespaces[0].x', 'owner']);
  });

  it('drops __proto__ and constructor keys without touching any prototype', () => {
    const r = parsePresetFile(
      '{"version":1,"team":"t","domains":[],"namespaces":[],"__proto__":{"polluted":true},"constructor":{"x":1}}',
    );
    expect(inEnglish(r.error)).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r.value?.file)).toBe(Object.prototype);
  });

  it('has a table of at least 30 bad files', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(30);
  });

  it.each(BAD)('refuses %s, naming %j', (_name, file, where) => {
    const r = parsePresetFile(typeof file === 'string' ? file : text(file));
    expect(r.value).toBeUndefined();
    expect(inEnglish(r.error)).toContain(where);
  });
});

describe('mergeTeam', () => {
  const file = parse(movies);
  const mine = settingsWith(['okteto.example.com'], { presets: [{ namespace: 'alice', label: 'Me' }] });

  it('adds a team to a fresh profile, domains switched on', () => {
    const { settings, preview } = mergeTeam(structuredClone(DEFAULTS), file);
    expect(settings.domains).toEqual([
      { domain: 'okteto.example.com', enabled: true, team: 'movies', namespaceFrom: movies.domains[0].namespaceFrom },
    ]);
    expect(settings.presets).toEqual([
      { namespace: 'staging', label: 'Shared staging', team: 'movies' },
      { namespace: 'alice', label: 'Alice', team: 'movies' },
    ]);
    expect(preview).toEqual({
      team: 'movies',
      domains: { added: ['okteto.example.com'], changed: [], removed: [], kept: [] },
      namespaces: { added: ['staging', 'alice'], changed: [], removed: [] },
      signals: [{ domain: 'okteto.example.com', from: undefined, to: movies.domains[0].namespaceFrom }],
    });
  });

  it('is idempotent', () => {
    const once = mergeTeam(structuredClone(DEFAULTS), file).settings;
    const twice = mergeTeam(once, file);
    expect(twice.settings).toEqual(once);
    expect(previewCounts(twice.preview)).toEqual({ added: 0, changed: 0, removed: 0 });
    expect(twice.preview.signals).toEqual([]);
  });

  it("leaves the user's own entries and other teams' entries untouched", () => {
    const other = mergeTeam(
      mine,
      parse({ version: 1, team: 'books', domains: [{ domain: 'books.example.org' }], namespaces: [{ namespace: 'carol' }] }),
    ).settings;
    const { settings, preview } = mergeTeam(other, file);
    expect(settings.domains.filter((d) => !d.team)).toEqual(mine.domains);
    expect(settings.domains.filter((d) => d.team === 'books')).toEqual(other.domains.filter((d) => d.team === 'books'));
    expect(settings.presets.filter((p) => !p.team)).toEqual(mine.presets);
    expect(preview.domains.kept).toEqual(['okteto.example.com']); // yours stays yours
  });

  it("keeps the user's on/off choice and namespace per domain across a re-import", () => {
    let s = mergeTeam(structuredClone(DEFAULTS), file).settings;
    s = { ...s, domains: s.domains.map((d) => ({ ...d, enabled: false, namespace: 'bob' })) };
    const again = mergeTeam(s, parse(with_({ namespaces: [{ namespace: 'staging', label: 'Staging!' }] })));
    expect(again.settings.domains[0]).toMatchObject({ enabled: false, namespace: 'bob' });
    expect(again.preview.namespaces).toMatchObject({ changed: ['staging'], removed: ['alice'] });
  });

  it("shows a changed served-by signal, from and to, and keeps the user's probe-cookie choice", () => {
    let s = mergeTeam(structuredClone(DEFAULTS), file).settings;
    s = { ...s, domains: s.domains.map((d) => ({ ...d, probeCookies: true as const })) };
    const header = { header: 'x-served-by' };
    const again = mergeTeam(s, parse(with_({ domains: [{ domain: 'okteto.example.com', namespaceFrom: header }] })));
    expect(again.preview.domains.changed).toEqual(['okteto.example.com']);
    expect(again.preview.signals).toEqual([{ domain: 'okteto.example.com', from: movies.domains[0].namespaceFrom, to: header }]);
    expect(describeSignal(again.preview.signals[0].to)).toBe('header x-served-by');
    expect(again.settings.domains[0].probeCookies).toBe(true);
  });

  it('marks managed entries, and keeps them apart from the same team imported by hand', () => {
    const s = mergeTeam(structuredClone(DEFAULTS), file, { managed: true }).settings;
    expect(s.domains.every((d) => d.managed)).toBe(true);
    expect(removeTeam(s, 'movies').domains).toHaveLength(1);
    expect(removeTeam(s, 'movies', true).domains).toEqual([]);
  });
});

describe('exportPresets', () => {
  it('round-trips: export → import into a fresh profile gives the same domains and presets', () => {
    const source: Settings = {
      ...settingsWith(['okteto.example.com', { domain: 'apps.example.org', namespaceFrom: { probe: '/healthz', field: 'ns' } }]),
      presets: [
        { namespace: 'alice', label: 'Alice' },
        { namespace: 'staging', team: 'movies' },
      ],
    };
    const exported: TeamFile = JSON.parse(JSON.stringify(exportPresets(source, 'personal')));
    const imported = mergeTeam(structuredClone(DEFAULTS), parse(exported)).settings;
    const strip = (s: Settings) => ({
      domains: s.domains.map(({ domain, namespaceFrom }) => ({ domain, namespaceFrom })),
      presets: s.presets.map(({ namespace, label }) => ({ namespace, label })),
    });
    expect(strip(imported)).toEqual(strip(source));
  });
});
