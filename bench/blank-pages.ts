import { fileURLToPath } from 'node:url';
import { type Plugin, runnerImport } from 'vite';
import type * as ExtensionState from '../src/core/extension-state';

/**
 * e2e builds only (vite.config.ts): the blank extension pages npm run bench measures the popup
 * against: without and with one empty script, one that makes the popup's reads, and one that asks
 * the background once. Written here, beside the bench that opens them, and never shipped.
 */
const page = (script?: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>blank</title>${
    script ? `<script type="module" src="/${script}"></script>` : ''
  }</head><body></body></html>\n`;

/**
 * The keys of the popup's state items (core/extension-state.ts), area by area: what the blank popup
 * reads. Loaded through Vite's module runner: the config itself imports nothing from src/ (Vite's
 * native config loader, its next default, would refuse src/'s extensionless imports).
 */
async function stateKeys(): Promise<Record<string, string[]>> {
  const file = fileURLToPath(new URL('../src/core/extension-state.ts', import.meta.url));
  const { module } = await runnerImport<typeof ExtensionState>(file, { configFile: false, logLevel: 'warn' });
  const items = Object.values(module.STATE_ITEMS);
  const areas = [...new Set(items.map((i) => i.area))];
  return Object.fromEntries(areas.map((a) => [a, items.filter((i) => i.area === a).map((i) => i.key)]));
}

/**
 * A blank popup: one script that makes the popup's first reads (its state items in each area, the
 * granted origins, the tab) and one string, then marks itself ready. The floor of any popup that
 * shows the extension's state.
 */
function readsScript(keys: Record<string, string[]>): string {
  const reads = Object.entries(keys).map(([area, keys]) => `api.storage.${area}.get(${JSON.stringify(keys)})`);
  return [
    "const api = globalThis.browser ?? chrome, tab = Number(new URLSearchParams(location.search).get('tab'));",
    `Promise.all([${reads.join(', ')},`,
    "  api.permissions.getAll(), api.tabs.get(tab)]).then(() => { document.title = api.i18n.getMessage('extName'); performance.mark('divert-switch:ready'); });",
    '',
  ].join('\n');
}

export function benchBlankPages(): Plugin {
  const files = (keys: Record<string, string[]>): Record<string, string> => ({
    'bench-blank.html': page(),
    // The floor of any page that runs script: the same blank page with one empty module.
    'bench-script.html': page('bench-script.js'),
    'bench-script.js': '\n',
    // The floor of a popup that needs its background: one script that asks it the popup's question.
    'bench-ask.html': page('bench-ask.js'),
    'bench-ask.js':
      "chrome.runtime.sendMessage({ type: 'planForHost', host: 'other.example.org' }).then(() => performance.mark('divert-switch:divert-usable'));\n",
    'bench-reads.html': page('bench-reads.js'),
    'bench-reads.js': readsScript(keys),
  });
  return {
    name: 'divert:bench-blank-pages',
    async generateBundle() {
      for (const [fileName, source] of Object.entries(files(await stateKeys())))
        this.emitFile({ type: 'asset', fileName, source });
    },
  };
}
