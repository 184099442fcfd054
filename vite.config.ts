import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { benchBlankPages } from './bench/blank-pages.ts';
import { DIST } from './dev/dist.ts';
import { E2E_HOST_PERMISSIONS, E2E_KEY } from './dev/hosts.ts';
import base from './manifest.json' with { type: 'json' };
import { contentScriptsAsIife, singleScriptPopup } from './scripts/nested-builds.ts';
import { PSL_FILE, pslBinary } from './scripts/psl-data.ts';

type Browser = 'chrome' | 'firefox';
type Manifest = typeof base & Record<string, unknown>;

/**
 * One manifest, two browsers. Firefox runs MV3 backgrounds as event pages (background.scripts);
 * its identity (gecko id, minimum versions) is in manifest.json, and Chrome gets neither that nor
 * the other Firefox-only keys.
 * The e2e variant lists the test hosts in host_permissions: headless browsers cannot answer the
 * permission prompt, and permissions.request for an origin already granted resolves at once,
 * so the real request path still runs.
 */
function manifestFor(browser: Browser, e2e: boolean, popupApart: boolean): ManifestV3Export {
  const m: Manifest = structuredClone(base);
  // npm run dev: pages and the worker load their modules from the dev server (loopback only).
  if (!popupApart)
    m.content_security_policy = {
      extension_pages: m.content_security_policy.extension_pages.replace("script-src 'self'", `script-src 'self' ${DEV_ORIGIN}`),
    };
  // A build makes the popup apart (singleScriptPopup) and finalManifest names it again.
  if (popupApart) m.action = { ...m.action, default_popup: undefined as unknown as string };
  if (e2e) m.host_permissions = [...E2E_HOST_PERMISSIONS];
  if (e2e && browser === 'chrome') {
    m.key = E2E_KEY;
    // Chromium has no pref to answer the optional permission prompt (Firefox's harness turns
    // prompts off): granted up front, the popup's permissions.request still runs and resolves.
    m.permissions = [...m.permissions, 'browsingData', 'notifications'];
  }
  if (browser === 'firefox') {
    // Firefox reads managed storage from policies.json without a schema.
    const { minimum_chrome_version: _chromeOnly, storage: _schema, ...rest } = m;
    // webRequestBlocking: the blocking listener that merges okteto-divert into the page's own
    // baggage on fetch/XHR (Chrome's MV3 has no such thing; there the rules can only set it).
    return {
      ...rest,
      permissions: [...rest.permissions, 'webRequestBlocking'],
      background: { scripts: [base.background.service_worker], type: 'module' },
    } as ManifestV3Export;
  }
  const { browser_specific_settings: _firefoxOnly, ...chrome } = m;
  return chrome as ManifestV3Export;
}

/**
 * Preact's dangerouslySetInnerHTML branch is the only innerHTML write in our bundles. We never use
 * it, so it is replaced by a throw: no HTML from storage, files or responses can reach the DOM,
 * and web-ext lint has no unsafe assignment to report.
 */
function noInnerHtml(): Plugin {
  const write = /(\w+)\.innerHTML=(\w+)\.__html/;
  return {
    name: 'divert:no-inner-html',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]preact[\\/]dist[\\/]preact\.mjs$/.test(id)) return null;
      if (!write.test(code)) this.error('preact changed: the dangerouslySetInnerHTML write was not found');
      return code.replace(write, '(()=>{throw new Error("dangerouslySetInnerHTML is disabled")})()');
    },
  };
}

/**
 * The manifest as the browser gets it, after @crxjs wrote it:
 * - no web-accessible page badge: @crxjs lists every content script it builds there, which lets
 *   any site fetch chrome-extension://<id>/src/content/badge.js and so learn that a visitor has
 *   Divert Switch (and uses Okteto). Scripts registered with scripting need no such entry.
 * - Chrome: no other extension and no web page may message us (externally_connectable with no
 *   ids and no matches). Firefox does not know the key (web-ext lint would warn).
 */
function finalManifest(browser: Browser, popup: string): Plugin {
  let outDir = '';
  return {
    name: 'divert:final-manifest',
    enforce: 'post',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      const file = join(outDir, 'manifest.json');
      const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const war = ((m.web_accessible_resources ?? []) as { resources: string[] }[])
        .map((r) => ({ ...r, resources: r.resources.filter((x) => !x.startsWith('src/content/')) }))
        .filter((r) => r.resources.length > 0);
      if (war.length) m.web_accessible_resources = war;
      else delete m.web_accessible_resources;
      m.action = { ...(m.action as object), default_popup: popup };
      if (browser === 'chrome') m.externally_connectable = { ids: [], matches: [] };
      writeFileSync(file, `${JSON.stringify(m, null, 2)}\n`);
    },
  };
}

/**
 * npm run dev: @crxjs adds a live-reload content script matching every host permission, ws:// and
 * wss:// ones included, which content scripts may not match (Chromium then refuses the extension).
 */
function devContentScriptMatches(): Plugin & { renderCrxManifest(m: Record<string, unknown>): Record<string, unknown> } {
  return {
    // @crxjs's dev file writer runs only plugins whose name starts with `crx:`.
    name: 'crx:divert-dev-content-script-matches',
    apply: 'serve',
    renderCrxManifest(m) {
      const scripts = (m.content_scripts ?? []) as { matches?: string[] }[];
      for (const c of scripts) c.matches = c.matches?.filter((x) => !/^wss?:/.test(x));
      return m;
    },
  };
}

/** The Public Suffix List, parsed at build time, as a data file beside the manifest, fetched when a domain needs checking. */
function publicSuffixList(): Plugin {
  return {
    // `crx:` in the name: @crxjs's dev file writer runs it too, so npm run dev's worker finds the
    // file beside its manifest (a worker's own fetch does not go through the dev server).
    name: 'crx:divert-public-suffix-list',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: PSL_FILE, source: pslBinary() });
    },
  };
}

/** Where `npm run dev` serves from: the host @crxjs's loaders name, on loopback. */
const DEV_PORT = Number(process.env.DIVERT_DEV_PORT ?? 5173);
const DEV_ORIGIN = `http://localhost:${DEV_PORT}`;

export default defineConfig(({ mode, command }) => {
  const browser: Browser = process.env.TARGET === 'firefox' ? 'firefox' : 'chrome';
  const e2e = mode === 'e2e';
  const target = browser === 'firefox' ? 'firefox140' : 'chrome121';
  // `npm run dev` keeps @crxjs's dev server for every page (edits show without a rebuild).
  const build = command === 'build';
  const nested = { mode, target, plugins: () => [noInnerHtml(), preact()] };
  return {
    plugins: [
      publicSuffixList(),
      ...(e2e ? [benchBlankPages()] : []),
      contentScriptsAsIife(nested),
      ...(build ? [singleScriptPopup({ ...nested, page: base.action.default_popup })] : []),
      noInnerHtml(),
      // No preact/debug injected in dev: it landed in the service worker, which it stops from starting.
      preact({ devToolsEnabled: false }),
      crx({ manifest: manifestFor(browser, e2e, build), browser }),
      finalManifest(browser, base.action.default_popup),
      devContentScriptMatches(),
    ],
    build: {
      // npm run dev writes its own build: never over the one the e2e tests load.
      outDir: build && !e2e ? `dist/${browser}` : `${DIST}/${build ? 'e2e-' : 'dev-'}${browser}`,
      emptyOutDir: true,
      target,
      sourcemap: false,
      // Both browsers preload modules natively (Firefox 115+): the polyfill would only cost bytes.
      modulePreload: { polyfill: false },
      // oxc, not terser: with terser the same commit built in another folder gave other bytes (local
      // names came out in another order), and npm run package must give the same bytes anywhere.
      minify: 'oxc',
      // Names without content hashes: rolldown's hashes include where the checkout lives. An
      // extension's files need no cache-busting names.
      rolldownOptions: {
        // On a busy machine every build would print Rolldown's plugin-timing breakdown, a warning
        // about the machine rather than the code (builds only: the dev server's Rollup knows no checks).
        ...(build ? { checks: { bundlerTimings: false } } : {}),
        // The DevTools panel: its devtools_page names it in code, not in the manifest.
        input: { panel: 'src/devtools/panel.html' },
        output: {
          entryFileNames: 'assets/[name].js',
          chunkFileNames: 'assets/[name].js',
          assetFileNames: 'assets/[name][extname]',
        },
      },
    },
    // npm run dev: every dependency pre-bundled at start, so no page reloads itself mid-setup when
    // the optimizer finds one on first use.
    optimizeDeps: {
      include: ['preact', 'preact/hooks', 'preact/jsx-runtime', 'valibot', 'webextension-polyfill', '@gorhill/publicsuffixlist'],
    },
    // crxjs serves HMR through a websocket on this port in dev; keep it on loopback.
    server: { host: '127.0.0.1', strictPort: true, port: DEV_PORT },
  };
});
