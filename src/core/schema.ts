import * as v from 'valibot';
import { validateDomain } from './domain';
import { isNamespace } from './namespace';
import { fail, ok, problem, type Result } from './result';
import type { MessageKey } from './words';

/**
 * A schema's message is a _locales key named `schema…`, so that parseWith can say it in the user's
 * words; valibot's own messages (for checks without one) are passed on as they are.
 */
export const k = (key: MessageKey & `schema${string}`): string => key;
const IS_KEY = /^schema[A-Z]\w*$/;

/** Schemas for the small values, shared by settings, preset files and messages. */
export const NamespaceSchema = v.pipe(
  v.string(k('schemaNamespaceText')),
  v.check((s: string) => isNamespace(s), k('schemaNamespaceInvalid')),
);

/**
 * A domain as stored: host-name shaped. Stored settings were checked against the public suffix
 * list when they came in, so loading them (every time the worker wakes) does not need the list.
 */
export const StoredDomainSchema = v.pipe(
  v.string(k('schemaDomainText')),
  v.regex(/^(?=.{1,253}$)([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/, k('schemaNotHostName')),
);

/** A domain exactly as stored, checked fully (public suffixes refused): for what comes in. */
export const DomainSchema = v.pipe(
  v.string(k('schemaDomainText')),
  v.check((d) => validateDomain(d).value === d, k('schemaDomainInvalid')),
);

/**
 * Headers that carry credentials or navigation targets: the page cannot read them itself (HttpOnly
 * cookies, redirect targets), so no served-by signal may name them (contract: team preset file).
 */
const FORBIDDEN_SIGNAL_HEADERS = [
  'cookie',
  'set-cookie',
  'authorization',
  'proxy-authorization',
  'www-authenticate',
  'proxy-authenticate',
  'location',
] as const;

/** Where a domain's app says which namespace served a response (contract: served-by). */
export const NamespaceFromSchema = v.object({
  header: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[!#$%&'*+.^_`|~0-9a-z-]{1,100}$/i, k('schemaHeaderName')),
      v.check((h) => !(FORBIDDEN_SIGNAL_HEADERS as readonly string[]).includes(h.toLowerCase()), k('schemaHeaderForbidden')),
    ),
  ),
  // A path on the page's own origin: no `//host` or backslash tricks that would leave it.
  probe: v.optional(v.pipe(v.string(), v.regex(/^\/(?![/\\])[^\s\\]{0,500}$/, k('schemaProbePath')))),
  field: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(100))),
});

/** `namespaces[1].namespace`, the form the contract names a problem by. */
function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key as PropertyKey;
    out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** `what` names the input in the sentence: "Settings: domains[0].domain must be a domain (text)". */
export function parseWith<S extends v.GenericSchema>(schema: S, input: unknown, what: MessageKey): Result<v.InferOutput<S>> {
  const parsed = v.safeParse(schema, input, { abortEarly: true });
  if (parsed.success) return ok(parsed.output);
  const [first] = parsed.issues;
  const path = issuePath(first);
  const detail = IS_KEY.test(first.message) ? problem(first.message as MessageKey) : first.message;
  return path === '' ? fail('schemaProblem', problem(what), detail) : fail('schemaProblemAt', problem(what), path, detail);
}
