import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import messages from '../../public/_locales/en/messages.json';

/** Every source file the extension ships (tests left out). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Reads like a sentence a person would read: a word, then three more in lower case. */
const SENTENCE = /[A-Za-z]{2,} [a-z'’]+ [a-z'’]+ [a-z'’]+/;

/**
 * Not for a person to read: a thrown Error's message (a defect, reported as "Divert Switch failed:
 * …"), a GraphQL document, the reasons the keep-page-baggage bridge gives the page's own script,
 * and the comments of the Playwright script the popup copies.
 */
function exempt(node: ts.Node, file: string, text: string): boolean {
  if (/^\s*(query|mutation)\b/.test(text)) return true;
  if (file.endsWith('keep-page-baggage.ts')) return true;
  // The comments of the code "Copy for Playwright" writes: code a developer reads, like its names.
  if (file.endsWith('playwright-script.ts')) return true;
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isNewExpression(n) && n.expression.getText() === 'Error') return true;
    if (ts.isCallExpression(n) || ts.isBlock(n)) break;
  }
  return false;
}

function literalSentences(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node))
      text = node.head.text + node.templateSpans.map((s) => `\${…}${s.literal.text}`).join('');
    else if (ts.isJsxText(node)) text = node.text.trim();
    if (text && SENTENCE.test(text) && !exempt(node, file, text)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${file}:${line + 1}: ${text.slice(0, 80)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('sentences a user reads', () => {
  it('are all in _locales: none is an English literal in the code', () => {
    // A literal found here is a sentence only English speakers get: give it a key in
    // public/_locales/en/messages.json and say it with t(), words() or fail(key, …).
    expect(sources('src').flatMap(literalSentences)).toEqual([]);
    // One parse of every shipped file (no type checker): under a second when idle, several on a loaded CI.
  }, 30_000);

  it('fill only the $1…$9 their message has', () => {
    for (const [key, { message }] of Object.entries(messages as Record<string, { message: string }>)) {
      const used = [...message.matchAll(/\$(\d)/g)].map((m) => Number(m[1]));
      // Placeholders are numbered from $1 with no gap, so a caller's nth filler lands in the nth place.
      for (let n = 1; n <= Math.max(...used, 0); n++) expect(used, `${key} lacks $${n}`).toContain(n);
    }
  });
});
