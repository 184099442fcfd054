import { describe, expect, it } from 'vitest';
import { settingsWith } from '../../test/fixtures/settings';
import { inEnglish } from '../../test/fixtures/words';
import { mergeHeaderImport, parseHeaderExport } from './header-import';

// Attacker findings on wip/import (issue 34, item 1). The first two tests are written as they should
// pass after the fix; on wip/import's head they FAIL. The last one passes now: it pins a guard no
// test asserted (removing `|| domains.length > LIMIT` left every header-import test green).

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
    parseHeaderExport(text);
    // Linear work (a Set, a parent walk) takes ~2 s here under load; the quadratic one ~22 s.
    expect(performance.now() - start).toBeLessThan(6000);
  }, 600_000);

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
    expect(r.value?.skipped.otherFilters).toBeGreaterThan(0);
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
