import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { build, type InlineConfig, type Plugin, type PluginOption, type Rolldown } from 'vite';

/**
 * Two files built on their own, inside the extension's build, so that each loads as one script:
 * the popup page and the content scripts. A page's every extra script costs about 14 ms before
 * it can paint (npm run bench); a content script must be one classic script anyway.
 */

type Options = { mode: string; target: string; plugins: () => PluginOption[] };

const chunksOf = (out: Awaited<ReturnType<typeof build>>) =>
  (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : [])) as (
    | Rolldown.OutputChunk
    | Rolldown.OutputAsset
  )[];

const nested = (o: Options, config: InlineConfig): InlineConfig => ({
  configFile: false,
  logLevel: 'warn',
  mode: o.mode,
  plugins: o.plugins(),
  ...config,
  build: { write: false, emptyOutDir: false, copyPublicDir: false, minify: 'oxc', target: o.target, ...config.build },
});

/**
 * `import file from '../content/x.ts?iife'` gives the built file's name (`src/content/x.js`), and
 * the file is one self-contained IIFE, in builds and in `npm run dev`. This replaces @crxjs's own
 * `?iife` build, which passed rolldown an option it ignores for IIFE (a warning per script per
 * build and dev start) and also emitted each script a second time as a module nobody loads.
 */
export function contentScriptsAsIife(o: Options): Plugin {
  const scripts = new Map<string, string>();
  let outDir = '';
  let dev = false;
  const iife = async (fileName: string, entry: string) => {
    const out = await build(
      nested(o, { build: { lib: { entry, formats: ['iife'], name: 'divertSwitch', fileName: () => fileName } } }),
    );
    const chunk = chunksOf(out).find((c) => c.type === 'chunk');
    if (chunk?.type !== 'chunk') throw new Error(`no script built for ${entry}`);
    return chunk.code;
  };
  /** npm run dev: the script is written where the extension loads it from, again after each edit. */
  const writeForDev = async (fileName: string, entry: string) => {
    const file = join(outDir, fileName);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, await iife(fileName, entry));
  };
  return {
    name: 'divert:content-scripts-iife',
    enforce: 'pre',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      dev = config.command === 'serve';
    },
    async resolveId(source, importer) {
      if (!importer || !source.endsWith('?iife')) return null;
      const file = resolve(importer, '..', source.slice(0, -'?iife'.length));
      const out = relative(process.cwd(), file).replace(/\.tsx?$/, '.js');
      if (dev && !scripts.has(out)) await writeForDev(out, file);
      scripts.set(out, file);
      return `\0divert-iife:${out}`;
    },
    load(id) {
      return id.startsWith('\0divert-iife:') ? `export default ${JSON.stringify(id.slice('\0divert-iife:'.length))};` : null;
    },
    configureServer(server) {
      // A content script is injected from its file at each page load: an edit shows at the next one.
      server.watcher.on('change', (changed) => {
        if (!/[\\/]src[\\/](content|core)[\\/]/.test(changed)) return;
        for (const [fileName, entry] of scripts)
          writeForDev(fileName, entry).then(
            () => server.config.logger.info(`content script rebuilt: ${fileName}`, { timestamp: true }),
            (e: Error) => server.config.logger.error(e.message),
          );
      });
    },
    async generateBundle() {
      for (const [fileName, entry] of scripts) this.emitFile({ type: 'asset', fileName, source: await iife(fileName, entry) });
    },
  };
}

/**
 * The popup as one script and its styles inlined in its page: built apart from the other entries,
 * so it shares no chunk with them (shared chunks are extra scripts to load before the first paint).
 */
export function singleScriptPopup(o: Options & { page: string }): Plugin {
  return {
    name: 'divert:single-script-popup',
    apply: 'build',
    async generateBundle() {
      const out = chunksOf(
        await build(
          nested(o, {
            build: {
              modulePreload: false,
              cssCodeSplit: false,
              rolldownOptions: {
                input: resolve(o.page),
                output: { entryFileNames: 'assets/popup.js', assetFileNames: 'assets/popup[extname]' },
              },
            },
          }),
        ),
      );
      const css = out
        .filter((f): f is Rolldown.OutputAsset => f.type === 'asset' && f.fileName.endsWith('.css'))
        .map((f) => String(f.source))
        .join('\n');
      for (const f of out) {
        if (f.type === 'chunk') this.emitFile({ type: 'asset', fileName: f.fileName, source: f.code });
        else if (f.fileName === o.page) {
          const html = String(f.source).replace(/\s*<link rel="stylesheet"[^>]*>/g, '');
          this.emitFile({
            type: 'asset',
            fileName: f.fileName,
            source: html.replace('</head>', `<style>${css}</style>\n  </head>`),
          });
        } else if (!f.fileName.endsWith('.css')) this.emitFile({ type: 'asset', fileName: f.fileName, source: f.source });
      }
    },
  };
}
