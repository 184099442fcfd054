import { useState } from 'preact/hooks';
import { endpointAt, endpointOf, isGoing, type OktetoService, type OktetoState } from '../core/okteto';
import { isOlderInstance } from '../core/okteto-api';
import { t } from '../ui/i18n';
import { useCommand } from '../ui/use-command';

const running = (s: OktetoService) => !s.status || /^(running|active|deployed|ready)$/i.test(s.status);
/** "catalog ✓, db (error)": each service with how it runs. */
const serviceList = (services: OktetoService[]) =>
  services.map((s) => (running(s) ? `${s.name} ✓` : `${s.name} (${s.status})`)).join(', ');
const timeOf = (at: number | undefined) =>
  at ? new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';

/**
 * What the Okteto API knows of the chosen namespace: asleep (with Wake), being deleted, what it
 * runs, and the link to its own endpoint for the service of this page. Nothing when not connected.
 * What it runs is said here unless the diagnostics say it, as the reason another namespace
 * answered (`servicesExplained`): each fact once.
 */
export function NamespaceFacts({
  okteto,
  namespace,
  host,
  servicesExplained = false,
}: {
  okteto?: OktetoState;
  namespace: string;
  host?: string;
  servicesExplained?: boolean;
}) {
  const { run, error } = useCommand();
  const [waking, setWaking] = useState(false);
  if (!okteto || !namespace || !okteto.namespaces.includes(namespace)) return null;
  const status = okteto.statuses?.[namespace];
  const detail = okteto.details?.[namespace];
  const here = host ? endpointAt(okteto, host) : undefined;
  const own = here && here.namespace !== namespace ? endpointOf(okteto, namespace, here.service) : undefined;
  const wake = async () => {
    setWaking(true);
    await run({ type: 'wakeOkteto', namespace, instance: okteto.url });
    setWaking(false);
  };
  const preview = okteto.previews?.[namespace];
  return (
    <section class="facts" aria-label={t('oktetoFacts')}>
      {preview && <p class="muted">{t('previewFacts', namespace, preview.branch ?? t('previewNoBranch'))}</p>}
      {isOlderInstance(okteto) && <p class="muted">{t('oktetoOlderFacts', namespace)}</p>}
      {status === 'Sleeping' && (
        <p class="attention">
          {t('nsSleeping', namespace)}{' '}
          <button type="button" onClick={() => void wake()} disabled={waking} aria-busy={waking}>
            {waking ? t('waking') : t('wake')}
          </button>
        </p>
      )}
      {isGoing(status) && <p class="attention">{t('nsGoing', namespace, status ?? '')}</p>}
      {detail &&
        !servicesExplained &&
        (detail.services.length > 0 ? (
          <p class="muted services">{t('nsServices', namespace, serviceList(detail.services))}</p>
        ) : (
          <p class="muted services">{t('nsNoServices', namespace)}</p>
        ))}
      {own && (
        <p class="muted">
          {t('ownEndpoint', here?.service ?? '', namespace)}{' '}
          <a class="link" href={own} target="_blank" rel="noopener noreferrer">
            {own}
          </a>
        </p>
      )}
      {okteto.error && <p class="muted">{t('oktetoStale', okteto.error, timeOf(okteto.fetchedAt))}</p>}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
