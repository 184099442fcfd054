// The Public Suffix List from the `psl` package's data, built into the extension as a data file,
// not code, so it loads only when a domain needs checking. What ships is the list already parsed,
// in @gorhill/publicsuffixlist's own serialised form (its "selfie"): loading it is a copy, where
// parsing the text cost a waking worker about 30 ms (npm run bench, worker start → first reply),
// and it compresses to half the text's size in the store zip.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import psl from '@gorhill/publicsuffixlist';

export const PSL_FILE = 'public_suffix_list.bin';

/** The parsed list as bytes: the selfie's magic, then its 32-bit words, all little-endian. */
export function pslBinary(): Uint8Array {
  psl.parse(pslText(), (h: string) => new URL(`http://${h}`).hostname);
  const { magic, buf32 } = psl.toSelfie();
  const out = new DataView(new ArrayBuffer(4 * (buf32.length + 1)));
  out.setUint32(0, magic, true);
  for (const [i, word] of buf32.entries()) out.setUint32(4 * (i + 1), word, true);
  return new Uint8Array(out.buffer);
}

export function pslText(): string {
  const main = createRequire(import.meta.url).resolve('psl');
  let dir = dirname(main);
  while (!readFileSafe(join(dir, 'package.json'))) dir = dirname(dir);
  const source = readFileSync(join(dir, 'data', 'rules.js'), 'utf8');
  const rules = JSON.parse(source.replace(/^export default\s*/, '').replace(/;\s*$/, '')) as string[];
  return `${rules.join('\n')}\n`;
}

function readFileSafe(path: string): boolean {
  try {
    return JSON.parse(readFileSync(path, 'utf8')).name === 'psl';
  } catch {
    return false;
  }
}
