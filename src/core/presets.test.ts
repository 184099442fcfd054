import { beforeAll, describe, expect, it } from 'vitest';
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
  // Read in a hook, not while the tests are collected: code run at collection counts for no test,
  // and the mutation run then retests every parsePresetFile mutant with every test (docs/mutation.md).
  let file: TeamFile;
  beforeAll(() => {
    file = parse(movies);
  });
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

// Each case below stands on a line the mutation tests (docs/mutation.md) showed no test stood on.
describe('team files, case by case', () => {
  const said = (file: unknown) => inEnglish(parsePresetFile((typeof file === 'string' ? file : text(file)) as string).error);
  const many = (n: number, f: (i: number) => unknown) => Array.from({ length: n }, (_, i) => f(i));

  it('a bad file is refused in a sentence that says what to fix', () => {
    expect(said(with_({ version: 0 }))).toBe('Preset file: version must be 1');
    expect(said(with_({ version: '2' }))).toBe('Preset file: version must be 1');
    expect(said(with_({ domains: {} }))).toBe('Preset file: domains must be an array');
    expect(said(with_({ namespaces: 'alice' }))).toBe('Preset file: namespaces must be an array');
    expect(said(with_({ domains: [{ domain: 3 }] }))).toBe('Preset file: domains[0].domain must be a domain (text)');
    expect(said(with_({ namespaces: [{ namespace: 'a', label: 5 }] }))).toBe('Preset file: namespaces[0].label must be text');
    expect(said(with_({ namespaces: [{ namespace: 'a', label: 'x'.repeat(101) }] }))).toBe(
      'Preset file: namespaces[0].label must be at most 100 characters',
    );
    expect(said(with_({ domains: many(2001, (i) => ({ domain: `d${i}.example.com` })) }))).toBe(
      'Preset file: domains must have at most 2000 entries',
    );
    expect(said(with_({ namespaces: many(2001, (i) => ({ namespace: `n${i}` })) }))).toBe(
      'Preset file: namespaces must have at most 2000 entries',
    );
    // A caller handing over something that is not text (a message payload) is told so.
    expect(inEnglish(parsePresetFile(42 as unknown as string).error)).toBe('The preset file must be text.');
  });

  it('says a served-by signal in words', () => {
    expect(describeSignal(undefined)).toBe('the default header');
    expect(describeSignal({})).toBe('the default header');
    expect(describeSignal({ probe: '/healthz' })).toBe('probe /healthz (field namespace)');
    expect(describeSignal({ header: 'x-ns', probe: '/healthz', field: 'ns' })).toBe('header x-ns, probe /healthz (field ns)');
  });

  it('a re-import counts what it adds, changes and removes; an unchanged entry is neither', () => {
    const first = parse(
      with_({
        domains: [...movies.domains, { domain: 'b.example.com' }],
        namespaces: [...movies.namespaces, { namespace: 'bob' }],
      }),
    );
    const once = mergeTeam(structuredClone(DEFAULTS), first);
    expect(previewCounts(once.preview)).toEqual({ added: 5, changed: 0, removed: 0 });
    const header = { header: 'x-other' };
    const next = parse(
      with_({
        domains: [
          { domain: 'okteto.example.com', namespaceFrom: header },
          { domain: 'c.example.com', namespaceFrom: {} },
        ],
        namespaces: [{ namespace: 'staging', label: 'Staging!' }, { namespace: 'bob' }],
      }),
    );
    const again = mergeTeam(once.settings, next);
    expect(again.preview.domains).toEqual({
      added: ['c.example.com'],
      changed: ['okteto.example.com'],
      removed: ['b.example.com'],
      kept: [],
    });
    expect(again.preview.namespaces).toEqual({ added: [], changed: ['staging'], removed: ['alice'] });
    expect(previewCounts(again.preview)).toEqual({ added: 1, changed: 2, removed: 2 });
    // No signal, no label: no key of that name at all (what is stored is what the file said).
    expect(again.settings.domains[1]).toStrictEqual({ domain: 'c.example.com', enabled: true, team: 'movies' });
    expect(once.settings.domains[1]).toStrictEqual({ domain: 'b.example.com', enabled: true, team: 'movies' });
    expect(again.settings.presets[1]).toStrictEqual({ namespace: 'bob', team: 'movies' });
  });

  it("a team's import previews only that team's entries: yours are neither added to nor removed", () => {
    const mine = settingsWith(['okteto.example.com', 'own.example.com'], { presets: [{ namespace: 'alice', label: 'Me' }] });
    expect(mergeTeam(mine, parse(movies)).preview).toEqual({
      team: 'movies',
      domains: { added: [], changed: [], removed: [], kept: ['okteto.example.com'] },
      namespaces: { added: ['staging', 'alice'], changed: [], removed: [] },
      signals: [],
    });
  });

  it('the policy’s copy of a team and a copy imported by hand stay apart, in both lists', () => {
    const managed = mergeTeam(structuredClone(DEFAULTS), parse(movies), { managed: true }).settings;
    expect(managed.presets.every((p) => p.managed)).toBe(true);
    const both = mergeTeam(managed, parse(movies));
    expect(both.settings.domains).toEqual(managed.domains); // the policy's domain stays the policy's
    expect(both.preview.domains.kept).toEqual(['okteto.example.com']);
    expect(both.settings.presets.map((p) => `${p.namespace}:${!!p.managed}`)).toEqual([
      'staging:true',
      'alice:true',
      'staging:false',
      'alice:false',
    ]);
  });

  it('removing a team removes that team’s hand-imported entries only, in both lists', () => {
    let s = mergeTeam(structuredClone(DEFAULTS), parse(movies)).settings;
    s = mergeTeam(
      s,
      parse({ version: 1, team: 'books', domains: [{ domain: 'books.example.org' }], namespaces: [{ namespace: 'carol' }] }),
    ).settings;
    const policy = { version: 1, team: 'movies', domains: [{ domain: 'm.example.com' }], namespaces: [{ namespace: 'dave' }] };
    s = mergeTeam(s, parse(policy), { managed: true }).settings;
    const left = removeTeam(s, 'movies');
    expect(left.domains.map((d) => d.domain)).toEqual(['books.example.org', 'm.example.com']);
    expect(left.presets.map((p) => p.namespace)).toEqual(['carol', 'dave']);
  });

  it('exports each namespace once, the first label given', () => {
    const s = {
      ...DEFAULTS,
      presets: [
        { namespace: 'alice', label: 'Me' },
        { namespace: 'alice', label: 'Alice', team: 'movies' },
      ],
    };
    expect(exportPresets(s, 'me').namespaces).toEqual([{ namespace: 'alice', label: 'Me' }]);
  });
});
