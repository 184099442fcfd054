import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json';

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|tsx)$/.test(f) && !/\.test\.ts$/.test(f) ? [p] : [];
  });
const code = sources('src')
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

/** Each permission, and the code that needs it (a permission nothing uses must go). */
const USED_BY: Record<string, RegExp> = {
  declarativeNetRequestWithHostAccess: /\.declarativeNetRequest\.(updateDynamicRules|updateSessionRules)/,
  storage: /\.storage\.(local|session|sync|managed)/,
  // the toolbar click and the shortcut give access to the tab shown: the popup reads its URL and
  // its Resource Timing entries (scripting) without a host permission
  activeTab: /\.scripting\.executeScript/,
  webRequest: /\.webRequest\.on(SendHeaders|HeadersReceived|BeforeRequest)/,
  scripting: /\.scripting\.(registerContentScripts|executeScript)/,
  alarms: /\.alarms\.create/,
  contextMenus: /\.contextMenus\.create/,
};

describe('the manifest (pinned)', () => {
  it('asks for exactly these permissions, each used by the code', () => {
    expect(manifest.permissions).toEqual(Object.keys(USED_BY));
    for (const [permission, use] of Object.entries(USED_BY)) expect(code, permission).toMatch(use);
  });

  it('asks for browsingData only when the user clears a page’s service worker, and gives it back', () => {
    expect((manifest as Record<string, unknown>).optional_permissions).toEqual(['browsingData', 'notifications']);
    expect(code).toMatch(/permissions\.request\(\{ permissions: \['browsingData'\] \}\)/);
    expect(code).toMatch(/permissions\.remove\(\{ permissions: \['browsingData'\] \}\)/);
    // notifications: asked for by the "Tell me when my namespace changes" switch, given back when it goes off.
    expect(code).toMatch(/permissions\.request\(\{ permissions: \['notifications'\] \}\)/);
    expect(code).toMatch(/permissions\.remove\(\{ permissions: \['notifications'\] \}\)/);
  });

  it('has no host permission at install: each domain is asked for when divert is turned on', () => {
    expect((manifest as Record<string, unknown>).host_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toEqual(['*://*/*', 'ws://*/*', 'wss://*/*']);
    expect((manifest as Record<string, unknown>).content_scripts).toBeUndefined(); // registered per diverted domain
  });

  it('gives extension pages a strict CSP: own scripts only, no eval, no remote code', () => {
    const csp = manifest.content_security_policy.extension_pages;
    expect(csp).toBe("script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors devtools://devtools");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
  });

  it('lets only DevTools frame its pages: Chromium hosts the devtools page and the panel in frames of devtools://devtools', () => {
    // `frame-ancestors 'none'` kept the Divert panel out of Chromium's DevTools (issue 32); any web
    // origin or `*` would let a page frame the popup. test/e2e/devtools.spec.ts opens the panel in
    // DevTools, and a web page's <iframe> of the popup loading nothing of ours.
    const ancestors = /frame-ancestors ([^;]*)/.exec(manifest.content_security_policy.extension_pages)?.[1].trim().split(/\s+/);
    expect(ancestors).toEqual(['devtools://devtools']);
  });

  it('builds no HTML from data: no innerHTML, outerHTML, insertAdjacentHTML, document.write or eval in src/', () => {
    expect(code).not.toMatch(
      /\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|dangerouslySetInnerHTML|\beval\(|new Function\(/,
    );
  });

  it('sends no telemetry: the only fetches are the probe, preset subscriptions, the Okteto API and the packaged list', () => {
    // The keep-page-baggage page script wraps the page's own fetch: it passes the page's request on
    // unchanged (its only call) and makes none of its own.
    const wrapper = readFileSync('src/content/keep-page-baggage-page.ts', 'utf8');
    expect(wrapper.match(/\bfetch\(|originalFetch\.call\(/g)).toEqual(['fetch(', 'originalFetch.call(', 'originalFetch.call(']);
    expect(wrapper.match(/originalFetch\.call\([^)]*\)/g)).toEqual([
      'originalFetch.call(this, input, init)',
      'originalFetch.call(this, input, init)',
    ]);
    // The text "Copy for Playwright" copies runs in the user's Playwright, not in the extension: its
    // one route.fetch re-sends that context's diverted request.
    const playwright = readFileSync('src/core/playwright-script.ts', 'utf8');
    expect(playwright.match(/\S*\bfetch\(/g)).toEqual(['route.fetch(']);
    const fetches =
      code
        .replace(wrapper, '')
        .replace(playwright, '')
        .match(/\bfetch\(/g) ?? [];
    expect(fetches.length).toBe(2); // platform/fetch.ts (bounded, callers above) and platform/psl.ts (a packaged file)
  });
});

/** What the browsers get: npm test builds before the unit tests, and these read the build output. */
describe.each(['chrome', 'firefox'])('the built manifest in dist/%s', (dir) => {
  const read = () => {
    const file = join('dist', dir, 'manifest.json');
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first (npm test does).`);
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  };

  it('makes nothing of ours web-accessible, so no site can tell that a visitor has Divert Switch', () => {
    const war = (read().web_accessible_resources ?? []) as { resources: string[] }[];
    expect(war.flatMap((r) => r.resources)).toEqual([]);
  });

  it('lets no other extension or web page message it (Chrome); Firefox has no such key', () => {
    const m = read();
    if (dir === 'chrome') expect(m.externally_connectable).toEqual({ ids: [], matches: [] });
    else expect(m.externally_connectable).toBeUndefined();
  });

  it('asks for the same permissions as the source manifest (Firefox: and webRequestBlocking), and no host access at install', () => {
    const m = read();
    expect(m.permissions).toEqual(dir === 'firefox' ? [...manifest.permissions, 'webRequestBlocking'] : manifest.permissions);
    expect(m.host_permissions).toBeUndefined();
  });
});

describe('the DevTools panel (built)', () => {
  it.each(['chrome', 'firefox'])(
    '%s: the devtools page adds a panel named "Divert" whose page is in the build',
    async (browser) => {
      const dist = join('dist', browser);
      const built = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
      expect(built.devtools_page).toBe('src/devtools/devtools.html');
      // Run the built devtools page's script against a stand-in of the devtools API, as the browser would.
      const created: string[][] = [];
      const html = readFileSync(join(dist, built.devtools_page), 'utf8');
      const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1] ?? '';
      const g = globalThis as { chrome?: unknown };
      g.chrome = { devtools: { inspectedWindow: { tabId: 1 }, panels: { create: (...args: string[]) => created.push(args) } } };
      try {
        await import(/* @vite-ignore */ join(process.cwd(), dist, script));
      } finally {
        g.chrome = undefined;
      }
      expect(created).toHaveLength(1);
      const [title, icon, page] = created[0] as string[];
      expect(title).toBe('Divert');
      expect(existsSync(join(dist, icon))).toBe(true);
      expect(existsSync(join(dist, page))).toBe(true);
    },
  );
});
