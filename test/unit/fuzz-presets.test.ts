import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeTeam, parsePresetFile } from '../../src/core/presets';
import { validateSettings } from '../../src/core/settings-schema';
import { FILES, presetFiles, SEED } from '../fixtures/fuzz-presets';
import { settingsWith } from '../fixtures/settings';
import { inEnglish } from '../fixtures/words';

/** Seeded fuzzing of the preset import: every input is accepted into valid settings or refused with a message. */
describe(`preset import fuzz (${FILES} files, seed ${SEED})`, () => {
  it('accepts into valid settings, or refuses with a sentence; nothing throws', () => {
    const base = settingsWith(['mine.example.org'], { presets: [{ namespace: 'me' }] });
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(presetFiles, (text) => {
        const r = parsePresetFile(text);
        if (r.error !== undefined) {
          refused++;
          expect(inEnglish(r.error)?.length).toBeGreaterThan(10);
          expect(inEnglish(r.error)?.length).toBeLessThan(600);
          return;
        }
        accepted++;
        const merged = mergeTeam(base, r.value.file).settings;
        expect(validateSettings(merged).error).toBeUndefined();
        expect(merged.domains.filter((d) => !d.team)).toEqual(base.domains);
      }),
      { seed: SEED, numRuns: FILES, interruptAfterTimeLimit: 60_000 },
    );
    expect(accepted + refused).toBe(FILES);
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    console.info(`preset fuzz: ${FILES} files, ${accepted} accepted, ${refused} refused`);
    // 10,000 generated and checked files: about 2 s when idle, 7 s and more on a loaded 2-core CI;
    // the same minute as the run's own interruptAfterTimeLimit (an interrupted run fails the count).
  }, 60_000);
});
