import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WATCHED } from '../../src/ui/extension-state';

// vite.config.ts writes the bench's blank popup by hand (importing src/ there would make every
// build warn): its storage reads must stay the popup's own, area by area.
describe("the bench's blank popup", () => {
  it('reads the storage items the popup reads (ui/extension-state.ts WATCHED)', () => {
    const config = readFileSync('vite.config.ts', 'utf8');
    for (const area of new Set(Object.values(WATCHED).map((i) => i.area))) {
      const keys = Object.values(WATCHED)
        .filter((i) => i.area === area)
        .map((i) => i.key);
      const written = new RegExp(`api\\.storage\\.${area}\\.get\\((\\[[^\\]]*\\])\\)`).exec(config)?.[1];
      expect(written && JSON.parse(written.replaceAll("'", '"')), area).toEqual(keys);
    }
  });
});
