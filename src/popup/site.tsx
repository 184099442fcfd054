import type { Command, HostPlan } from '../core/messages';
import type { PopupView } from '../core/popup-view';
import { t } from '../ui/i18n';
import { Switch } from '../ui/switch';

interface SiteProps {
  host: string;
  view: PopupView;
  plan?: HostPlan;
  /** The Okteto endpoint this host is, when no entry covers it. */
  endpoint?: { namespace: string; service: string };
  onDivert: (on: boolean) => void;
  run: (cmd: Command) => Promise<boolean>;
  askAccessThen: (domain: string, cmd: Command) => void;
}

/** The tab's site: "Divert this site", the entry that covers it, or what turning it on adds. */
export function Site({ host, view, plan, endpoint, onDivert, run, askAccessThen }: SiteProps) {
  const { entry, diverted, namespace } = view;
  return (
    <section class="site">
      <div class="host" title={host}>
        {host}
      </div>
      {/* Until we know which entry turning it on adds, there is nothing to ask access for. */}
      <Switch label={t('divertThisSite')} checked={diverted} disabled={!entry && !plan} onChange={onDivert} />
      {entry && (
        <p class="entry">
          {t('entry')} <code>{view.where}</code>
          {entry.domain !== host && (
            <button type="button" class="link" onClick={() => void run({ type: 'replaceDomain', from: entry.domain, to: host })}>
              {t('onlyHost', host)}
            </button>
          )}
        </p>
      )}
      {endpoint && (
        <p class="entry">
          {t('endpointOf', endpoint.service, endpoint.namespace)}
          {namespace === '' && ` ${t('endpointDivertsTo', endpoint.namespace)}`}
        </p>
      )}
      {!entry && plan?.suggested && <p class="entry">{t('turningOnAdds', `*.${plan.suggested}`)}</p>}
      {!entry && plan?.wider && (
        <p class="entry">
          <button
            type="button"
            class="link"
            onClick={() => askAccessThen(plan.wider as string, { type: 'enableForHost', host, wide: true })}
          >
            {t('divertWider', `*.${plan.wider}`)}
          </button>
        </p>
      )}
    </section>
  );
}
