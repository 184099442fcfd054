import { endpointAt, type OktetoState } from '../core/okteto';
import { mismatchCauses } from '../core/served';
import { said, t } from './i18n';

/**
 * Why another namespace answered, from the API's facts: the page's service (its host is one of the
 * listed endpoints) is not deployed in the namespace asked for, so the shared one answers it.
 * Undefined when the API cannot tell (the generic causes are shown then).
 */
export function explainMismatch(
  okteto: OktetoState | undefined,
  served: { host?: string; served?: string },
  namespace: string,
): string[] | undefined {
  const detail = okteto?.details?.[namespace];
  if (!okteto || !detail) return undefined;
  const names = detail.services.map((s) => s.name);
  const here = served.host ? endpointAt(okteto, served.host) : undefined;
  const has = names.length > 0 ? t('explainHas', namespace, names.join(', ')) : t('nsNoServices', namespace);
  if (!here) return [has];
  if (!names.includes(here.service)) return [t('explainNotDeployed', here.service, namespace, served.served ?? ''), has];
  return [t('explainDeployed', here.service, namespace, served.served ?? '')];
}

/** The API's facts when it can tell, else the usual causes (core/served.ts), `of` a page or one request. */
export const whyMismatch = (
  okteto: OktetoState | undefined,
  served: { host?: string; served?: string },
  namespace: string,
  of: 'page' | 'request',
): string[] => explainMismatch(okteto, served, namespace) ?? mismatchCauses(namespace, of).map((p) => said(p));
