import { fail, ok, type Result } from './result';
import { secureUrl } from './url';

/** Connecting to an Okteto instance: the URL the user types, or the context the okteto CLI prints. */

/** An Okteto instance URL, reduced to its origin: https, or http on this machine only. */
export function validateInstanceUrl(input: unknown): Result<string> {
  const url = secureUrl(
    input,
    {
      empty: 'instanceUrlEmpty',
      notUrl: 'instanceUrlNotUrl',
      credentials: 'instanceUrlCredentials',
      insecure: 'instanceUrlInsecure',
    },
    { defaultScheme: 'https' },
  );
  return url.error === undefined ? ok(url.value.origin) : url;
}

/**
 * `okteto context show --include-token` prints the current context as JSON (okteto/okteto,
 * cmd/context/show.go: the OktetoContext struct): `name` is the instance URL, `token` the personal
 * access token (only with --include-token), `isOkteto` false for a plain Kubernetes context.
 */
export function readContextShow(input: string): Result<{ url: string; token: string }> {
  let json: unknown;
  try {
    json = JSON.parse(input);
  } catch {
    return fail('contextNotJson');
  }
  const c = json as { name?: unknown; token?: unknown; isOkteto?: unknown };
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return fail('contextNotObject');
  if (c.isOkteto === false) return fail('contextKubernetes', String(c.name).slice(0, 200));
  const url = validateInstanceUrl(c.name);
  if (url.error !== undefined) return fail('contextBadName', url.error);
  if (typeof c.token !== 'string' || c.token.trim() === '') {
    return fail('contextNoToken');
  }
  return ok({ url: url.value, token: c.token.trim() });
}
