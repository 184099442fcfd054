import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Firefox for Android 142+ runs the extension without context menus, commands (shortcuts) or
// DevTools (MDN, "Differences between desktop and Android extensions"). The background starts
// without them (src/background/previews.test.ts boots it on a fake browser that lacks them); the
// popup and options pages must never touch them, else they throw there before the first paint.

/** Every source file a page's script loads, following its relative imports from `entry`. */
function importGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^'?]+)[^']*'|import '(\.[^'?]+)[^']*'/g)) {
      const base = join(dirname(file), m[1] ?? m[2]);
      const found = ['', '.ts', '.tsx', '/index.ts'].map((x) => base + x).find((p) => existsSync(p) && statSync(p).isFile());
      if (found && /\.tsx?$/.test(found)) visit(found);
    }
  };
  visit(entry);
  return [...seen];
}

/** An API Firefox for Android lacks, used without asking `has` (platform/browser.ts) first. */
const UNGUARDED = /\bbrowser\.(contextMenus|menus|commands|devtools)\b/;

describe('Firefox for Android', () => {
  for (const page of ['src/popup/main.tsx', 'src/options/main.tsx'])
    it(`${page} and everything it imports use no API Android lacks`, () => {
      const files = importGraph(page);
      expect(files.length).toBeGreaterThan(5);
      expect(files.filter((f) => UNGUARDED.test(readFileSync(f, 'utf8')))).toEqual([]);
    });
});
