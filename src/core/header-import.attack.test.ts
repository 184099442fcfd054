import { describe, expect, it } from 'vitest';
import { settingsWith } from '../../test/fixtures/settings';
import { inEnglish } from '../../test/fixtures/words';
import { mergeHeaderImport, parseHeaderExport } from './header-import';

// Attacker findings on wip/import (issue 34, item 1), and the guards that answer them: collecting
// domains and namespaces with Sets, refusing an export past 2000 of either, skipping patterns past
// 2 KB, counting Requestly's source filters. The last test pins the merge's own 2000-domain limit.

const divert = [{ enabled: true, name: 'baggage', value: 'okteto-divert=alice' }];

/** `n` distinct, valid, short domains (aaa.io, baa.io, …), none covering another. */
function domains(n: number): string[] {
  const c = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: n }, (_, i) => `${c[i % 36]}${c[Math.floor(i / 36) % 36]}${c[Math.floor(i / 1296) % 36]}.io`);
}

describe('header import: attacker cases', () => {
  // Exploit: a "ModHeader export" well under 1 MiB (each list under 2,000 entries) with tens of
  // thousands of distinct URL filters. collect() dedups with Array.includes and drops covered
  // domains with an all-pairs covers() scan: quadratic. 12,000 filters take ~20 s here, the ~48,000
  // that fit in 1 MiB minutes, freezing the options page (preview) and, on Apply, the background.
  it('reads an export of many distinct filter domains in bounded time (quadratic domain collection)', () => {
    const all = domains(12_000);
    const profiles = [];
    for (let i = 0; i < all.length; i += 2000) {
      profiles.push({ title: `p${i}`, headers: divert, urlFilters: all.slice(i, i + 2000).map((urlRegex) => ({ urlRegex })) });
    }
    const text = JSON.stringify(profiles);
    expect(text.length).toBeLessThan(1024 * 1024);
    const start = performance.now();
    const r = parseHeaderExport(text);
    // The bound: past 2000 distinct domains collecting stops and the file is refused, saying why.
    expect(inEnglish(r.error)).toContain('more than 2000 domains');
    // Generous: linear work takes well under a second, the quadratic one ~22 s on this machine.
    expect(performance.now() - start).toBeLessThan(20_000);
  }, 60_000);

  it('reads 2000 distinct domains, each named many times, once each (Set, parent walk)', () => {
    // The largest export still accepted: 2000 domains (some covered by another) in ~1 MiB of filters.
    const all = [...domains(1990), ...domains(10).map((d) => `x.${d}`)];
    const profiles = [];
    for (let round = 0; round < 20; round++) {
      profiles.push({ title: `p${round}`, headers: divert, urlFilters: all.map((urlRegex) => ({ urlRegex })) });
    }
    const text = JSON.stringify(profiles);
    expect(text.length).toBeGreaterThan(512 * 1024);
    const start = performance.now();
    const r = parseHeaderExport(text);
    expect(r.value?.domains).toHaveLength(1990);
    expect(r.value?.domains).not.toContain('x.aaa.io');
    expect(performance.now() - start).toBeLessThan(20_000);
  });

  it('refuses an export naming more than 2000 namespaces', () => {
    const headers = Array.from({ length: 1500 }, (_, i) => ({ enabled: true, name: 'baggage', value: `okteto-divert=ns${i}` }));
    const profiles = [0, 1].map((p) => ({ title: `p${p}`, headers: headers.map((h) => ({ ...h, value: `${h.value}-${p}` })) }));
    expect(inEnglish(parseHeaderExport(JSON.stringify(profiles)).error)).toContain('more than 2000 domains or namespaces');
  });

  it('skips a filter longer than 2 KB unread, saying why', () => {
    const long = `${'a'.repeat(2100)}.okteto.example.com`;
    const r = parseHeaderExport(
      JSON.stringify({ headers: divert, urlFilters: [{ urlRegex: long }, { urlRegex: 'okteto.example.com' }] }),
    );
    expect(r.value?.domains).toEqual(['okteto.example.com']);
    expect(inEnglish(r.value?.skipped.filters[0].why)).toContain('longer than 2048 characters');
  });

  // Exploit: a Requestly Headers rule that sets okteto-divert only for XHR from one page
  // (source.filters: pageUrl / resourceType / requestMethod). The import turns its host into a
  // domain that diverts every request type from every page, and the preview never says a filter
  // was left out (ModHeader's resourceFilters / excludeUrlFilters are counted in otherFilters).
  it('counts the Requestly source filters it cannot keep (pageUrl, resourceType, requestMethod)', () => {
    const text = JSON.stringify([
      {
        objectType: 'rule',
        ruleType: 'Headers',
        name: 'XHR only',
        status: 'Active',
        pairs: [
          {
            source: {
              key: 'host',
              operator: 'Equals',
              value: 'okteto.example.com',
              filters: [{ pageUrl: { operator: 'Contains', value: '/checkout' }, resourceType: ['xmlhttprequest'] }],
            },
            modifications: { Request: [{ header: 'baggage', value: 'okteto-divert=alice', type: 'Add' }] },
          },
        ],
      },
    ]);
    const r = parseHeaderExport(text);
    expect(r.value?.domains).toEqual(['okteto.example.com']);
    expect(r.value?.skipped.otherFilters).toBe(2);
  });

  it('counts no Requestly source filter that is empty (the editor saves `filters: [{}]`)', () => {
    const rule = (filters: unknown) => ({
      objectType: 'rule',
      ruleType: 'Headers',
      name: 'all',
      status: 'Active',
      pairs: [
        {
          source: { key: 'host', operator: 'Equals', value: 'okteto.example.com', filters },
          modifications: { Request: [{ header: 'baggage', value: 'okteto-divert=alice', type: 'Add' }] },
        },
      ],
    });
    for (const filters of [[{}], [{ pageUrl: { operator: 'Contains', value: '' }, resourceType: [] }], {}]) {
      expect(parseHeaderExport(JSON.stringify([rule(filters)])).value?.skipped.otherFilters).toBe(0);
    }
    // An older export keeps one object instead of an array.
    expect(parseHeaderExport(JSON.stringify([rule({ requestMethod: ['POST'] })])).value?.skipped.otherFilters).toBe(1);
  });

  it('refuses an import that would pass 2000 domains (the domain half of the limit)', () => {
    const full = settingsWith(domains(1999).map((d) => d.replace('.io', '.example.org')));
    const imp = parseHeaderExport(
      JSON.stringify({
        headers: divert,
        urlFilters: [{ urlRegex: 'a.okteto.example.com' }, { urlRegex: 'b.okteto.example.com' }],
      }),
    );
    expect(imp.value?.domains).toHaveLength(2);
    const merged = mergeHeaderImport(full, imp.value!);
    expect(inEnglish(merged.error)).toContain('past 2000');
  });
});
