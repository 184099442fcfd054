import { fail, ok, type Result } from './result';

/** Bounds of the served-by probe: it runs on every diverted page load. */
export const PROBE_LIMITS = { timeoutMs: 3000, maxBytes: 64 * 1024 } as const;
export const DEFAULT_HEADER = 'x-okteto-namespace';
export const DEFAULT_FIELD = 'namespace';

/** Reads `field` (a dotted path, e.g. `namespace` or `meta.namespace`) from a probe's JSON body. */
export function readProbe(body: string, field = DEFAULT_FIELD): Result<string> {
  if (body.length > PROBE_LIMITS.maxBytes) return fail('probeTooLarge', String(PROBE_LIMITS.maxBytes / 1024));
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return fail('probeNotJson');
  }
  for (const key of field.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) {
      return fail('probeNoField', field);
    }
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' ? ok(value) : fail('probeFieldNotText', field);
}

/** The probe URL for a page: the page's origin plus the configured path (never another host). */
export function probeUrl(pageUrl: string, probe: string): string | undefined {
  try {
    const origin = new URL(pageUrl).origin;
    const url = new URL(probe, origin);
    return url.origin === origin ? url.href : undefined;
  } catch {
    return undefined;
  }
}
