import { useEffect, useState } from 'preact/hooks';
import { divertedHostsCalled } from '../core/callers';
import type { OktetoState } from '../core/okteto';
import { grantsHost, initiatorPattern } from '../core/permissions';
import { servedName, type TabServed, verdict } from '../core/served';
import { entryCovering, type Settings } from '../core/settings';
import { requestOrigins } from '../platform/permissions';
import { resourceUrls } from '../platform/scripting';
import { explainMismatch, whyMismatch } from '../ui/explain-mismatch';
import { t, words } from '../ui/i18n';

/** Why another namespace answered, when the Okteto API can tell (popup.tsx asks it too, to say each fact once). */
export const mismatchFacts = (served: TabServed | undefined, namespace: string, okteto?: OktetoState) =>
  served && verdict(served) === 'mismatch' ? explainMismatch(okteto, served, namespace) : undefined;

/** Why "my change isn't showing": what left with our header, what answered, and what to check. */
export function Diagnostics({ served, namespace, okteto }: { served: TabServed; namespace: string; okteto?: OktetoState }) {
  const v = verdict(served);
  // The API's facts replace the generic causes whenever it can tell.
  const facts = mismatchFacts(served, namespace, okteto);
  return (
    <section class="diagnostics" aria-label={t('diagnostics')}>
      {served.requests > 0 && (
        <p class="muted">{t('carriedCount', String(served.carried), String(served.requests), namespace)}</p>
      )}
      {served.workers && (
        <p class={served.workers.other ? 'attention' : 'muted'}>
          {t('workersCarried', String(served.workers.carried), String(served.workers.requests), namespace)}
          {served.workers.other &&
            ` ${served.workers.other === 'none' ? t('workersOtherNone') : t('workersOther', served.workers.other)}`}
        </p>
      )}
      {served.overridden && <p class="attention">{t('overridden', served.overridden, namespace)}</p>}
      {v === 'mismatch' && (
        <div class="attention">
          <p>{t(facts ? 'mismatchFacts' : 'mismatch', servedName(served, words) ?? '', namespace)}</p>
          <ul class={facts ? 'explained' : undefined}>
            {whyMismatch(okteto, served, namespace, 'page').map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </div>
      )}
      {served.pageBaggage && served.pageBaggage.kept.length > 0 && (
        <p class="muted">{t('pageBaggageKept', served.pageBaggage.kept.join(', '), namespace)}</p>
      )}
      {served.pageBaggage && served.pageBaggage.replaced.length > 0 && (
        <p class="attention">{t('pageBaggageReplaced', served.pageBaggage.replaced.join(', '), namespace)}</p>
      )}
      {served.pageBaggage?.tooLarge && <p class="attention">{t('pageBaggageTooLarge', namespace)}</p>}
      {served.pageBaggage && served.pageBaggage.dropped.length > 0 && (
        <p class="attention">{t('pageBaggageDropped', served.pageBaggage.dropped.join(', '))}</p>
      )}
      {served.unrecognised !== undefined && <p class="attention">{t('unrecognised', served.unrecognised)}</p>}
      {served.probeError && <p class="muted">{t('probeFailed', served.probeError)}</p>}
    </section>
  );
}

interface CallerProps {
  tabId?: number;
  host?: string;
  settings: Settings;
  origins: string[];
  onError: (message: string) => void;
}

/**
 * A page on a host we may not access (say a local frontend on localhost) that called diverted hosts:
 * those calls left without the header. One click asks for access to the page's host.
 */
export function CallerOffer({ tabId, host, settings, origins, onError }: CallerProps) {
  const [called, setCalled] = useState<string[]>([]);
  const candidate = tabId !== undefined && host !== undefined && !entryCovering(settings, host) && !grantsHost(origins, host);
  useEffect(() => {
    if (!candidate || tabId === undefined) return setCalled([]);
    void resourceUrls(tabId).then((urls) => setCalled(divertedHostsCalled(urls, settings)));
  }, [candidate, tabId, settings]);
  if (!candidate || called.length === 0 || !host) return null;
  // Asked inside the click (Firefox shows no prompt after an await).
  const grant = () => void requestOrigins([initiatorPattern(host)]).then((ok) => ok || onError(t('accessRefused', host)));
  return (
    <p class="attention">
      {t('blockedInitiator', host, called.join(', '))}{' '}
      <button type="button" onClick={grant}>
        {t('grantAccessTo', host)}
      </button>
    </p>
  );
}
