import psl from '@gorhill/publicsuffixlist';
import { publicSuffixListReady, usePublicSuffixList } from '../core/public-suffix';
import { browser } from './browser';

/** The file the build writes next to the manifest: the list already parsed (scripts/psl-data.ts). */
const FILE = 'public_suffix_list.bin';
let loading: Promise<void> | undefined;

/**
 * The selfie: its magic, then its 32-bit words, little-endian as the build wrote them, whatever
 * this machine's order. One plain loop: spreading the 40,000 words into an array (`[magic,
 * ...buf32]`) took a woken worker longer than fetching them (bench: first command after a stop).
 */
function selfieOf(bytes: ArrayBuffer): { magic: number; buf32: number[] } {
  const view = new DataView(bytes);
  const buf32 = new Array<number>(Math.max(0, (bytes.byteLength >>> 2) - 1));
  for (let i = 0; i < buf32.length; i++) buf32[i] = view.getUint32(4 * (i + 1), true);
  return { magic: view.getUint32(0, true), buf32 };
}

/** Loads the packaged Public Suffix List once per page or worker; later calls wait for the same load. */
export function ensurePublicSuffixList(): Promise<void> {
  if (publicSuffixListReady()) return Promise.resolve();
  loading ??= fetch(browser.runtime.getURL(FILE))
    .then((res) => res.arrayBuffer())
    .then((bytes) => {
      if (!psl.fromSelfie(selfieOf(bytes))) throw new Error('the packaged file is not in the form this version reads');
      usePublicSuffixList(psl);
    })
    .catch((e: Error) => {
      loading = undefined;
      throw new Error(`Divert Switch could not read its public suffix list: ${e.message}`);
    });
  return loading;
}
