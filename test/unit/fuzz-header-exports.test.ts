import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateDomain } from '../../src/core/domain';
import { mergeHeaderImport, parseHeaderExport } from '../../src/core/header-import';
import { validateNamespace } from '../../src/core/namespace';
import { validateSettings } from '../../src/core/settings-schema';
import { headerExports, SECRET, SEED } from '../fixtures/fuzz-header-exports';
import { settingsWith } from '../fixtures/settings';
import { inEnglish } from '../fixtures/words';

const RUNS = 1000;

/** Seeded properties of the header-extension import: whatever a file says, nothing widens or leaks. */
describe(`header-extension import properties (${RUNS} files, seed ${SEED})`, () => {
  it('accepts into valid settings that keep every entry you had, idempotently, or refuses with a sentence', () => {
    const base = settingsWith([{ domain: 'mine.example.org', enabled: false }], { presets: [{ namespace: 'me', label: 'Me' }] });
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(headerExports, (text) => {
        const r = parseHeaderExport(text);
        expect(JSON.stringify(r)).not.toContain(SECRET);
        if (r.error !== undefined) {
          refused++;
          expect(inEnglish(r.error)?.length).toBeGreaterThan(10);
          expect(inEnglish(r.error)?.length).toBeLessThan(800);
          return;
        }
        accepted++;
        // Every preset and domain passes the same rule as one typed by hand.
        for (const p of r.value.presets) expect(validateNamespace(p.namespace).value).toBe(p.namespace);
        for (const d of r.value.domains) expect(validateDomain(d).value).toBe(d);
        const once = mergeHeaderImport(base, r.value);
        if (once.error !== undefined) throw new Error(inEnglish(once.error));
        expect(validateSettings(once.value.settings).error).toBeUndefined();
        expect(once.value.settings.domains.slice(0, base.domains.length)).toEqual(base.domains);
        expect(once.value.settings.presets.slice(0, base.presets.length)).toEqual(base.presets);
        expect(once.value.settings.activeNamespace).toBe(base.activeNamespace);
        expect(mergeHeaderImport(once.value.settings, r.value).value?.settings).toEqual(once.value.settings);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(accepted + refused).toBe(RUNS);
    expect(accepted).toBeGreaterThan(RUNS / 10);
    expect(refused).toBeGreaterThan(RUNS / 10);
  }, 120_000);
});
