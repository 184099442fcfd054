import { describe, expect, it } from 'vitest';
import { BAD_HEADER_EXPORTS, exportText } from '../../test/fixtures/bad-header-exports';
import { settingsWith } from '../../test/fixtures/settings';
import { inEnglish } from '../../test/fixtures/words';
import { type HeaderImport, mergeHeaderImport, parseHeaderExport } from './header-import';
import { DEFAULTS } from './settings';

const parsed = (name: string): HeaderImport => {
  const r = parseHeaderExport(exportText(name));
  if (r.error !== undefined) throw new Error(inEnglish(r.error));
  return r.value;
};
const merged = (settings = structuredClone(DEFAULTS), imp = parsed('modheader-v1')) => {
  const r = mergeHeaderImport(settings, imp);
  if (r.error !== undefined) throw new Error(inEnglish(r.error));
  return r.value;
};
const skippedFilters = (imp: HeaderImport) => imp.skipped.filters.map((f) => [f.filter, inEnglish(f.why)]);

describe('parseHeaderExport: the real export shapes', () => {
  it('ModHeader, older profiles (filters with a type), an array of them', () => {
    const imp = parsed('modheader-v1');
    expect(imp.tool).toBe('ModHeader');
    expect(imp.presets).toEqual([
      { namespace: 'alice', label: 'Alice on staging' },
      { namespace: 'bob', label: 'Bob' },
    ]);
    expect(imp.domains).toEqual(['okteto.example.com']);
    // X-Debug, the switched-off Authorization, the response header, X-B3-Sampled
    expect(imp.skipped.notDivert).toBe(4);
    expect(skippedFilters(imp)).toEqual([['.*', expect.stringContaining('more than one host name')]]);
    expect(imp.skipped.everyUrl).toEqual(['Bob']);
    expect(imp.skipped.otherFilters).toBe(1); // the resource-type filter; the disabled URL filter is not one
  });

  it('ModHeader, newer profile (urlFilters), a single object; a domain another covers adds nothing', () => {
    const imp = parsed('modheader-v2');
    expect(imp.presets).toEqual([{ namespace: 'carol', label: 'Divert to carol' }]);
    expect(imp.domains).toEqual(['okteto.example.com']);
    expect(skippedFilters(imp)).toEqual([['.*\\.com/.*', expect.stringContaining('"com" is a top-level domain')]]);
    expect(imp.skipped.otherFilters).toBe(1); // the exclude filter; the disabled resource filter is not one
  });

  it('Requestly, version 1 rules (one header per pair) among other rule types', () => {
    const imp = parsed('requestly-v1');
    expect(imp.tool).toBe('Requestly');
    expect(imp.presets).toEqual([{ namespace: 'alice', label: 'Okteto divert alice' }]);
    expect(imp.domains).toEqual(['okteto.example.com']);
    expect(imp.skipped).toMatchObject({ notDivert: 1, otherRules: 1, off: 0 });
  });

  it('Requestly, schema 3.0.0 rules (modifications.Request per pair), groups switched off, okteto-divert among other members', () => {
    const imp = parsed('requestly-v3');
    expect(imp.presets).toEqual([
      { namespace: 'alice', label: 'Okteto divert' },
      { namespace: 'dave', label: "Dave's catalog" },
    ]);
    expect(imp.domains).toEqual(['okteto.example.com']); // catalog-dave's is under it
    expect(imp.skipped.off).toBe(2); // Bob's inactive rule, Carol's rule in an inactive group
    expect(skippedFilters(imp)).toEqual([['/api/catalog', expect.stringContaining('a path, not a host')]]);
  });

  it('never keeps a credential header or its value', () => {
    for (const name of ['modheader-v1', 'modheader-v2', 'requestly-v3']) {
      expect(JSON.stringify(parsed(name))).not.toMatch(/secret|cookie-456|Bearer/i);
    }
  });
});

describe('parseHeaderExport: refusals', () => {
  it.each(BAD_HEADER_EXPORTS)('refuses %s with a sentence naming the problem', (_what, text, words) => {
    const r = parseHeaderExport(text);
    expect(r.value).toBeUndefined();
    expect(inEnglish(r.error)).toContain(words);
  });

  it('drops prototype keys without touching any prototype', () => {
    const r = parseHeaderExport(
      '[{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"headers":[{"name":"baggage","value":"okteto-divert=alice"}]}]',
    );
    expect(r.value?.presets).toEqual([{ namespace: 'alice' }]);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('takes nothing a prototype key carries', () => {
    const smuggled = '{"shortTitle":"x","__proto__":{"headers":[{"name":"baggage","value":"okteto-divert=mallory"}]}}';
    expect(JSON.stringify(parseHeaderExport(smuggled))).not.toContain('mallory');
    const nested = '[{"headers":[{"name":"baggage","value":"okteto-divert=a","__proto__":{"enabled":false}}]}]';
    expect(parseHeaderExport(nested).value?.presets).toEqual([{ namespace: 'a' }]);
  });

  it('names ten skipped values and filters, then counts the rest', () => {
    const urlFilters = Array.from({ length: 30 }, (_, i) => ({ urlRegex: `.*${i}` }));
    const r = parseHeaderExport(JSON.stringify({ headers: [{ name: 'baggage', value: 'okteto-divert=a' }], urlFilters }));
    expect(r.value?.skipped.filters).toHaveLength(10);
    expect(r.value?.skipped.more).toBe(20);
  });

  it('cuts what it repeats from the file', () => {
    const r = parseHeaderExport(
      JSON.stringify({
        title: 'x'.repeat(500),
        headers: [{ name: 'baggage', value: 'okteto-divert=a' }],
        urlFilters: [{ urlRegex: `${'y'.repeat(5000)}*` }],
      }),
    );
    expect(r.value?.presets[0].label).toHaveLength(100);
    expect(r.value?.skipped.filters[0].filter.length).toBeLessThanOrEqual(80);
  });
});

describe('mergeHeaderImport', () => {
  it('adds your own presets and domains, switched on, and gives you a namespace when you had none', () => {
    const { settings, preview } = merged();
    expect(settings.presets).toEqual([
      { namespace: 'alice', label: 'Alice on staging' },
      { namespace: 'bob', label: 'Bob' },
    ]);
    expect(settings.domains).toEqual([{ domain: 'okteto.example.com', enabled: true }]);
    expect(settings.activeNamespace).toBe('alice');
    expect(preview).toEqual({
      tool: 'ModHeader',
      presets: { added: ['alice', 'bob'], kept: [] },
      domains: { added: ['okteto.example.com'], kept: [] },
      activeNamespace: 'alice',
    });
  });

  it('keeps what you have as it is: your switched-off domain, your label, your namespace', () => {
    const before = settingsWith([{ domain: 'okteto.example.com', enabled: false, namespace: 'zed' }], {
      activeNamespace: 'mine',
      presets: [
        { namespace: 'alice', label: 'My own label' },
        { namespace: 'bob', team: 'movies' },
      ],
    });
    const { settings, preview } = merged(structuredClone(before));
    expect(settings.domains).toEqual(before.domains);
    expect(settings.activeNamespace).toBe('mine');
    expect(settings.presets).toEqual([...before.presets, { namespace: 'bob', label: 'Bob' }]);
    expect(preview).toMatchObject({
      presets: { added: ['bob'], kept: ['alice'] },
      domains: { added: [], kept: ['okteto.example.com'] },
    });
    expect(preview.activeNamespace).toBeUndefined();
  });

  it('is idempotent: importing the same file again changes nothing', () => {
    const once = merged().settings;
    const twice = merged(structuredClone(once));
    expect(twice.settings).toEqual(once);
    expect(twice.preview.presets.added).toEqual([]);
    expect(twice.preview.domains.added).toEqual([]);
  });

  it('a domain already covered by a wider entry stays with that entry', () => {
    const { settings, preview } = merged(settingsWith(['example.com']));
    expect(settings.domains).toEqual([{ domain: 'example.com', enabled: true }]);
    expect(preview.domains.kept).toEqual(['okteto.example.com']);
  });

  it('refuses an import that would pass 2000 presets', () => {
    const full = settingsWith([], { presets: Array.from({ length: 2000 }, (_, i) => ({ namespace: `n${i}` })) });
    expect(inEnglish(mergeHeaderImport(full, parsed('modheader-v1')).error)).toContain('past 2000');
  });
});
