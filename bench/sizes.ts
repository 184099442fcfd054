import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** gzip bytes of one file. */
export const gzipSize = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** An entry script and every chunk it imports statically (what loads when it runs). */
function closure(dist: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:import|export)\s*(?:[^'"`;]*?from\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) {
      visit(resolve(dirname(file), m[1]));
    }
  };
  visit(resolve(dist, entry));
  return [...seen];
}

/** The script an HTML page loads. */
function pageScript(dist: string, html: string): string {
  const src = /<script[^>]+src="\/?([^"]+)"/.exec(readFileSync(join(dist, html), 'utf8'))?.[1];
  if (!src) throw new Error(`no script in ${html}`);
  return src;
}

export interface ScriptSize {
  name: string;
  files: number;
  gzip: number;
}

/** Sizes of what each entry point ships: popup, options, background (service worker), content script. */
export function scriptSizes(dist: string): ScriptSize[] {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
  const bg = manifest.background.service_worker ?? manifest.background.scripts[0];
  const loader = readFileSync(join(dist, bg), 'utf8');
  const bgEntry = /["'](?:\.\/|\/)?([^"']+\.js)["']/.exec(loader)?.[1] ?? bg;
  const entries: [string, string][] = [
    ['popup', pageScript(dist, manifest.action.default_popup)],
    ['options', pageScript(dist, manifest.options_ui.page)],
    ['background', bgEntry],
    ['content', 'src/content/badge.js'],
    ['keep-page-baggage page', 'src/content/keep-page-baggage-page.js'],
    ['keep-page-baggage bridge', 'src/content/keep-page-baggage-bridge.js'],
  ];
  return entries.map(([name, entry]) => {
    const files = closure(dist, entry);
    return { name, files: files.length, gzip: files.reduce((n, f) => n + gzipSize(f), 0) };
  });
}

export const fileSize = (path: string) => statSync(path).size;
