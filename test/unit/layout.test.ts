import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const linesOf = (file: string) => readFileSync(file, 'utf8').split('\n').length - 1;

/** Files allowed past the cap for now, each with the issue that brings it under (none today). */
const OVER_THE_CAP: Record<string, string> = {};

// The background stays readable: its wiring in index.ts, and no file a reader has to scroll far in.
// The rest of src/ holds to the same discipline with a little more room.
describe('layout', () => {
  it('keeps every file in src/ (tests aside) at 250 lines or fewer', () => {
    const long = readdirSync('src', { recursive: true, encoding: 'utf8' })
      .map((f) => join('src', f).replaceAll('\\', '/'))
      .filter((f) => /\.(tsx?|css|html)$/.test(f) && !f.endsWith('.test.ts') && !(f in OVER_THE_CAP))
      .map((f) => [f, linesOf(f)] as const)
      .filter(([, lines]) => lines > 250);
    expect(long).toEqual([]);
  });

  it('keeps every background file under 170 lines', () => {
    const dir = 'src/background';
    const long = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => [f, linesOf(join(dir, f))] as const)
      .filter(([, lines]) => lines >= 170);
    expect(long).toEqual([]);
  });

  it('keeps no state at module level: what a part keeps lives in the part parts.ts makes for each start', () => {
    // A constant (UPPER_CASE) may be a set it only reads; a lower-case one holding a map, a set, a
    // serial or a literal to fill is state, as is any `let`.
    const state = /^(export )?(let |const [a-z]\w*(: [^=]+)? = (new (Map|Set|WeakMap)\b|serial\b|\[\]|\{\}))/;
    for (const f of readdirSync('src/background').filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      const kept = readFileSync(join('src/background', f), 'utf8')
        .split('\n')
        .filter((l) => state.test(l));
      expect(kept, f).toEqual([]);
    }
  });

  it('registers no background listener or publish by an import side effect: index.ts wires them', () => {
    for (const f of readdirSync('src/background').filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      if (f === 'index.ts') continue;
      const top = readFileSync(join('src/background', f), 'utf8')
        .split('\n')
        .filter((l) => /^[a-zA-Z]/.test(l) && !/^(import|export|const|let|function|async|interface|type|\}|\/\/)/.test(l));
      expect(top, f).toEqual([]);
    }
  });
});
