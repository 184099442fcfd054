import psl from '@gorhill/publicsuffixlist';
import { publicSuffixListReady, usePublicSuffixList } from '../core/public-suffix';
import { browser } from './browser';

/** The file the build writes next to the manifest: the list already parsed (scripts/psl-data.ts). */
const FILE = 'public_suffix_list.bin';
let loading: Promise<void> | undefined;

/** The selfie's 32-bit words, little-endian as the build wrote them, whatever this machine's order. */
function words(bytes: ArrayBuffer): number[] {
  const view = new DataView(bytes);
  const out = new Array<number>(bytes.byteLength >>> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(4 * i, true);
  return out;
}

/** Loads the packaged Public Suffix List once per page or worker; later calls wait for the same load. */
export function ensurePublicSuffixList(): Promise<void> {
  if (publicSuffixListReady()) return Promise.resolve();
  loading ??= fetch(browser.runtime.getURL(FILE))
    .then((res) => res.arrayBuffer())
    .then((bytes) => {
      const [magic, ...buf32] = words(bytes);
      if (!psl.fromSelfie({ magic, buf32 })) throw new Error('the packaged file is not in the form this version reads');
      usePublicSuffixList(psl);
    })
    .catch((e: Error) => {
      loading = undefined;
      throw new Error(`Divert Switch could not read its public suffix list: ${e.message}`);
    });
  return loading;
}
