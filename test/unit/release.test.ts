import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import manifest from '../../manifest.json';
import pkg from '../../package.json';
// @ts-expect-error: a plain .mjs script, used here as npm run package uses it
import { filesBelow, zipFiles } from '../../scripts/zip.mjs';

/** What `npm run package` writes and the stores take: checked here (npm test builds dist/ first). */
const ROOT = resolve('.');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const distManifest = (browser: string) => JSON.parse(readFileSync(join('dist', browser, 'manifest.json'), 'utf8'));
const packageInto = (out: string) => execFileSync('node', ['scripts/package.mjs', out], { cwd: ROOT, encoding: 'utf8' });
const ZIPS = ['chrome', 'firefox', 'source'].map((k) => `divert-switch-${k}-${manifest.version}.zip`);

describe('versions', { timeout: 60_000 }, () => {
  it('package.json, manifest.json and both built manifests agree', () => {
    expect(manifest.version).toBe(pkg.version);
    expect(distManifest('chrome').version).toBe(pkg.version);
    expect(distManifest('firefox').version).toBe(pkg.version);
  });

  it('npm version <x> moves package.json and manifest.json together, in one commit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'divert-version-'));
    mkdirSync(join(dir, 'scripts'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'x', version: '1.2.3', scripts: { version: pkg.scripts.version } }),
    );
    writeFileSync(
      join(dir, 'manifest.json'),
      readFileSync('manifest.json', 'utf8').replace(/"version": "[^"]*"/, '"version": "1.2.3"'),
    );
    cpSync('scripts/sync-version.mjs', join(dir, 'scripts/sync-version.mjs'));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'start');
    execFileSync('npm', ['version', '1.3.0', '--no-git-tag-version'], { cwd: dir, stdio: 'ignore' });
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).version).toBe('1.3.0');
    expect(git('diff', '--cached', '--name-only').trim()).toBe('manifest.json'); // staged for npm's release commit
    // browsers take numbers only: a pre-release version is refused, nothing changes
    expect(() =>
      execFileSync('npm', ['version', '2.0.0-beta.1', '--no-git-tag-version'], { cwd: dir, stdio: 'ignore' }),
    ).toThrow();
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).version).toBe('1.3.0');
    // Two real `npm version` runs and four git commands: each starts npm or git anew (about a
    // second each when idle, several on a loaded 2-core CI), which the 5 s default does not fit.
  }, 60_000);
});

// Zipping and unzipping both builds: seconds of pure work, longer on a loaded machine.
describe('packages', { timeout: 60_000 }, () => {
  const first = mkdtempSync(join(tmpdir(), 'divert-package-1-'));
  const second = mkdtempSync(join(tmpdir(), 'divert-package-2-'));
  beforeAll(() => {
    packageInto(first);
  });

  it('two runs give byte-identical zips, whatever the files’ times', () => {
    // Touch every built file: a zip that kept file times would differ now.
    const later = new Date(2031, 5, 1);
    for (const browser of ['chrome', 'firefox'])
      for (const f of filesBelow(join('dist', browser))) utimesSync(join('dist', browser, f), later, later);
    packageInto(second);
    for (const zip of ZIPS) expect(sha(readFileSync(join(second, zip))), zip).toBe(sha(readFileSync(join(first, zip))));
  });

  it('entries are sorted, with one fixed time and mode', () => {
    const bytes = readFileSync(join(first, ZIPS[0]));
    const names = Object.keys(unzipSync(bytes));
    expect(names).toEqual([...names].sort());
    expect(names).toContain('manifest.json');
    expect(sha(zipFiles('dist/chrome', filesBelow('dist/chrome')))).toBe(sha(bytes));
  });

  it('the source package holds what a rebuild needs, and nothing built or installed', () => {
    const names = Object.keys(unzipSync(readFileSync(join(first, ZIPS[2]))));
    for (const needed of [
      'package.json',
      'package-lock.json',
      'manifest.json',
      'vite.config.ts',
      'src/background/index.ts',
      'README.md',
    ])
      expect(names).toContain(needed);
    expect(names.some((n) => /^(node_modules|dist|artifacts)\//.test(n))).toBe(false);
  });

  it('the extension rebuilt from the source package is byte-identical to the one shipped (as AMO reviewers check)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'divert-rebuild-'));
    for (const [name, data] of Object.entries(unzipSync(readFileSync(join(first, ZIPS[2]))))) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), data);
    }
    // The README's steps: npm ci (from the npm cache CI's own install filled), then npm run build.
    execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, stdio: 'ignore' });
    // As a shell runs it: without what the test runner sets (NODE_ENV=test changes what a build bundles).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_ENV$|TEST$)/.test(k)));
    execFileSync('npm', ['run', 'build'], { cwd: dir, stdio: 'ignore', env });
    for (const browser of ['firefox', 'chrome']) {
      const rebuilt = zipFiles(join(dir, 'dist', browser), filesBelow(join(dir, 'dist', browser)));
      expect(sha(rebuilt), browser).toBe(sha(readFileSync(join(first, `divert-switch-${browser}-${manifest.version}.zip`))));
    }
  }, 240_000);
});

describe('the papers the stores ask for', () => {
  const text = (path: string) => readFileSync(path, 'utf8');

  it('LICENSE is the MIT licence package.json names', () => {
    expect(pkg.license).toBe('MIT');
    expect(text('LICENSE')).toMatch(/^MIT License/);
  });

  it('PRIVACY.md says nothing is collected, as the Firefox manifest declares', () => {
    expect(text('PRIVACY.md')).toMatch(/collects nothing/);
    expect(distManifest('firefox').browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    for (const place of ['storage.local', 'IndexedDB', 'storage.session', 'storage.sync', 'Forget token'])
      expect(text('PRIVACY.md')).toContain(place);
  });

  it('the listing fits the stores’ limits', () => {
    const listing = text('docs/store/listing.md');
    const short = /## Short description\n(?:<!--.*-->\n)?(.+)\n/.exec(listing)?.[1] ?? '';
    expect(short.length).toBeGreaterThan(20);
    expect(short.length).toBeLessThanOrEqual(132); // Chrome Web Store summary
    const long = /## Long description\n([\s\S]+?)\n## /.exec(listing)?.[1] ?? '';
    expect(long.length).toBeGreaterThan(200);
    expect(long.length).toBeLessThanOrEqual(16_000);
  });

  it('every permission the manifest asks for is explained', () => {
    const why = text('docs/store/permissions.md');
    for (const permission of [...manifest.permissions, 'optional_host_permissions']) expect(why).toContain(`## ${permission}\n`);
  });

  it('the store screenshots are 1280×800 PNGs', () => {
    const shots = ['1-divert', '2-options', '3-mismatch'].map((n) => `docs/store/screenshot-${n}.png`);
    for (const shot of shots) {
      expect(existsSync(shot), shot).toBe(true);
      const png = readFileSync(shot);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], shot).toEqual([1280, 800]);
    }
  });

  it('the minimum browser versions are declared and the README states them', () => {
    const readme = text('README.md');
    expect(readme).toContain(`Chrome ${manifest.minimum_chrome_version}`);
    expect(readme).toContain(`Firefox ${manifest.browser_specific_settings.gecko.strict_min_version.replace(/\.0$/, '')}`);
    expect(distManifest('chrome').minimum_chrome_version).toBe(manifest.minimum_chrome_version);
    expect(distManifest('firefox').browser_specific_settings.gecko.strict_min_version).toBe(
      manifest.browser_specific_settings.gecko.strict_min_version,
    );
    expect(distManifest('chrome').browser_specific_settings).toBeUndefined();
  });
});
