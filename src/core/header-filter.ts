import { validateDomain } from './domain';
import { fail, type Result } from './result';

/**
 * How another extension matches URLs: ModHeader's `urlRegex` is a regular expression; Requestly's
 * source is a URL, host or path compared by Equals, Contains, Matches (regex) or Wildcard_Matches.
 * https://github.com/requestly/requestly (shared/src/types/entities/rules/rule.ts, RulePairSource)
 */
type FilterKind = 'regex' | 'wildcard' | 'text' | 'path';

export interface UrlFilter {
  kind: FilterKind;
  pattern: string;
}

/** What a person writes around a host in a URL pattern: scheme, any-subdomain and anchors. */
const PREFIXES = [
  /^\^/,
  // a scheme: https://, https?://, (http|https)://, .*://, *://, [a-z]+://, \w+:// (slashes escaped or not)
  /^(?:https?|https\?|\(https\?\)|\(https?\|https?\)|\.\*|\*|\[a-z\]\+|\\w\+)(?::|\\:)(?:\\?\/){2}/,
  // any subdomain: (.*\.)? ([^/]+\.)? .*\. [^/]*\. *.  ([a-z0-9-]+\.)*
  /^\((?:\.\*|\.\+|\[\^\/\]\*|\[\^\/\]\+|\[a-z0-9-\]\+|\[\^\.\/\]\+)\\?\.\)[?*]/,
  /^(?:\.\*|\.\+|\[\^\/\]\*|\[\^\/\]\+)\\?\./,
  /^\*\./,
  /^\.\*/,
];
/** A path, port or query after the host, and the anchors and "anything" that end a pattern. */
const AFTER_HOST = /(?:\\?\/|\(\\?\/|\(:|:\d|\\?\?|#).*$/s;
const SUFFIXES = [/\$$/, /\.\*\??$/, /\.\+$/, /\*$/, /\(\.\*\)\??$/];
/** A regex's own delimiters, as Requestly writes them: /pattern/flags. */
const DELIMITED = /^\/(.+)\/[a-z]*$/s;

function strip(pattern: string, rules: RegExp[]): string {
  let out = pattern;
  for (let changed = true; changed; ) {
    changed = false;
    for (const rule of rules) {
      const next = out.replace(rule, '');
      if (next !== out) {
        out = next;
        changed = true;
      }
    }
  }
  return out;
}

/**
 * The one host a URL pattern names, or undefined when it names none or many (`.*`, `*`, a
 * character class, an alternation). Escaped dots and dashes count as the characters they escape.
 */
export function patternHost(raw: string): string | undefined {
  let p = raw.trim();
  p = DELIMITED.exec(p)?.[1] ?? p;
  p = strip(p, PREFIXES);
  p = p.replace(AFTER_HOST, '');
  p = strip(p, SUFFIXES);
  const host = p.replace(/\\([.-])/g, '$1');
  return /^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(host) ? host : undefined;
}

/** Longer patterns are skipped unread: no host is that long, and the regexes above stay cheap. */
const MAX_PATTERN = 2048;

/** The domain entry a filter becomes, or why it becomes none (the domain rule's own reason). */
export function filterDomain(filter: UrlFilter): Result<string> {
  if (filter.pattern.length > MAX_PATTERN) return fail('headerFilterTooLong', String(MAX_PATTERN));
  if (filter.kind === 'path') return fail('headerFilterPath');
  const host = filter.kind === 'text' ? filter.pattern : patternHost(filter.pattern);
  if (host === undefined) return fail('headerFilterNotHost');
  return validateDomain(host);
}
