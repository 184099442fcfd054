import { fail, ok, type Result } from './result';
import type { MessageKey } from './words';

/** Files a user picks (team presets, another extension's export) are small: anything larger is the wrong file. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Deeper than any file we read: refused before parsing, so no input can exhaust the stack. */
const MAX_DEPTH = 16;
/** Keys that could reach a prototype: dropped while parsing, before any code sees them. */
const DANGEROUS = new Set(['__proto__', 'constructor', 'prototype']);

/** Deepest nesting of arrays and objects in JSON text, counted without parsing it. */
function depth(text: string): number {
  let max = 0;
  let level = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') max = Math.max(max, ++level);
    else if (c === '}' || c === ']') level--;
  }
  return max;
}

/** How a kind of file says each refusal: its own _locales keys. */
export interface JsonFileWords {
  notText: MessageKey;
  tooLarge: MessageKey;
  /** Filled with MAX_DEPTH. */
  tooDeep: MessageKey;
  /** Filled with the parser's own message. */
  notJson: MessageKey;
}

/**
 * Reads a file's JSON within the limits every imported file shares: at most 1 MiB, at most 16
 * levels deep (both checked before parsing), and no prototype keys.
 */
export function readJsonFile(text: unknown, words: JsonFileWords): Result<unknown> {
  if (typeof text !== 'string') return fail(words.notText);
  if (text.length > MAX_FILE_BYTES || new TextEncoder().encode(text).length > MAX_FILE_BYTES) return fail(words.tooLarge);
  if (depth(text) > MAX_DEPTH) return fail(words.tooDeep, String(MAX_DEPTH));
  try {
    return ok(JSON.parse(text, (key, value) => (DANGEROUS.has(key) ? undefined : value)));
  } catch (e) {
    return fail(words.notJson, (e as Error).message);
  }
}
