import * as v from 'valibot';
import { validateDomain } from './domain';
import { isNamespace, NAMESPACE_RULE } from './namespace';
import { fail, ok, type Result } from './result';

/** Schemas for the small values, shared by settings, preset files and messages. */
export const NamespaceSchema = v.pipe(
  v.string('must be a namespace (text)'),
  v.check((s: string) => isNamespace(s), `is not a valid namespace. ${NAMESPACE_RULE}`),
);

/**
 * A domain as stored: host-name shaped. Stored settings were checked against the public suffix
 * list when they came in, so loading them (every time the worker wakes) does not need the list.
 */
export const StoredDomainSchema = v.pipe(
  v.string('must be a domain (text)'),
  v.regex(/^(?=.{1,253}$)([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/, 'is not a host name.'),
);

/** A domain exactly as stored, checked fully (public suffixes refused): for what comes in. */
export const DomainSchema = v.pipe(
  v.string('must be a domain (text)'),
  v.check((d) => validateDomain(d).value === d, 'is not a valid domain: use a host name such as okteto.example.com.'),
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
      v.regex(/^[!#$%&'*+.^_`|~0-9a-z-]{1,100}$/i, 'must be an HTTP header name'),
      v.check(
        (h) => !(FORBIDDEN_SIGNAL_HEADERS as readonly string[]).includes(h.toLowerCase()),
        `must not name a credential or navigation header (${FORBIDDEN_SIGNAL_HEADERS.join(', ')}): use the header your app sets, e.g. x-okteto-namespace`,
      ),
    ),
  ),
  // A path on the page's own origin: no `//host` or backslash tricks that would leave it.
  probe: v.optional(
    v.pipe(v.string(), v.regex(/^\/(?![/\\])[^\s\\]{0,500}$/, 'must be a path on the same host, starting with /')),
  ),
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

export function parseWith<S extends v.GenericSchema>(schema: S, input: unknown, what: string): Result<v.InferOutput<S>> {
  const parsed = v.safeParse(schema, input, { abortEarly: true });
  if (parsed.success) return ok(parsed.output);
  const [first] = parsed.issues;
  const path = issuePath(first);
  return fail(path === '' ? `${what} ${first.message}` : `${what}: ${path} ${first.message}`);
}
