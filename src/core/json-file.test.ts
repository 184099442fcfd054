import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../test/fixtures/words';
import { MAX_FILE_BYTES, readJsonFile } from './json-file';

const WORDS = {
  notText: 'headerFileNotText',
  tooLarge: 'headerFileTooLarge',
  tooDeep: 'headerFileTooDeep',
  notJson: 'headerFileNotJson',
} as const;

describe('readJsonFile', () => {
  it('leaves out every key that could reach a prototype, at any depth', () => {
    const r = readJsonFile('{"__proto__":{"x":1},"a":{"constructor":{"prototype":{"y":1}},"b":[{"prototype":2,"c":3}]}}', WORDS);
    expect(r.value).toEqual({ a: { b: [{ c: 3 }] } });
    expect(Object.keys(r.value as object)).toEqual(['a']);
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
  });

  it('refuses before parsing what is too large (counted in bytes) or too deep', () => {
    expect(inEnglish(readJsonFile(`"${'é'.repeat(MAX_FILE_BYTES / 2)}"`, WORDS).error)).toContain('larger than 1 MiB');
    expect(inEnglish(readJsonFile(`${'['.repeat(17)}${']'.repeat(17)}`, WORDS).error)).toContain('nested more than 16');
    expect(readJsonFile(`${'['.repeat(16)}${']'.repeat(16)}`, WORDS).error).toBeUndefined();
    // brackets inside strings are text, not nesting
    expect(readJsonFile(JSON.stringify({ a: '['.repeat(100) }), WORDS).error).toBeUndefined();
    expect(inEnglish(readJsonFile(42, WORDS).error)).toContain('must be text');
  });
});
