import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * Runs a project script as a person would (headless here: no display), and what it printed. Its
 * builds go to dist/tooling/ (DIVERT_DIST): the other specs, running beside this one, load the
 * e2e builds in dist/, which `npm start` would otherwise empty and rewrite under them.
 */
const run = (script: string, args: string[], env: Record<string, string> = {}) =>
  new Promise<string>((resolve, reject) => {
    execFile(
      'npx',
      ['tsx', script, ...args],
      { env: { ...process.env, DIVERT_DIST: 'dist/tooling', ...env, DISPLAY: '' }, timeout: 80_000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(`${stdout}\n${stderr}`),
    );
  });

// The README's promises for the people who work on it: `npm run dev` and `npm start -- --firefox`.
describe('developer commands', () => {
  it('npm run dev serves the extension from the dev server, set up as npm start, with no warning', async () => {
    const out = await run('scripts/dev.ts', ['--headless'], { DIVERT_DEV_PORT: '5183' });
    expect(out).toContain('Dev server on http://127.0.0.1:5183/');
    expect(out).toContain('Popup (from the dev server): Requests to *.okteto.demo.localhost carry okteto-divert=alice');
    expect(out).not.toMatch(/warn/i);
  });

  it('npm start -- --firefox opens Firefox with the extension, diverted to alice', async () => {
    const out = await run('scripts/start.ts', ['--firefox', '--headless']);
    expect(out).toContain('Diverted to alice (Firefox): the movies page says "Catalog served by alice".');
    expect(out).toContain('Popup: Requests to *.okteto.demo.localhost carry okteto-divert=alice');
    expect(out).not.toMatch(/warn/i);
  });
});
