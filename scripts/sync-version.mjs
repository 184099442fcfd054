// `npm version <x>` runs this (the "version" script): manifest.json takes the version package.json
// now has, and is staged so that npm's release commit and tag carry both.
import { readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
if (!/^\d+(\.\d+){0,3}$/.test(version)) {
  // Browsers take 1-4 dot-separated numbers only: no pre-release tags.
  console.error(`${version} is not a version browsers accept (1 to 4 numbers, e.g. 0.2.0).`);
  process.exit(1);
}
const text = readFileSync('manifest.json', 'utf8');
const next = text.replace(/("version":\s*")[^"]*(")/, `$1${version}$2`);
if (next === text && !text.includes(`"version": "${version}"`)) {
  console.error('manifest.json has no "version" to update.');
  process.exit(1);
}
writeFileSync('manifest.json', next);
console.log(`manifest.json: version ${version}`);
